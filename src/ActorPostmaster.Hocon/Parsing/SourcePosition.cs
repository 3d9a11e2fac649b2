namespace ActorPostmaster.Hocon.Parsing;

/// <summary>A place in a HOCON source: the file (or <c>&lt;string&gt;</c>), a 1-based line and a 1-based column.</summary>
internal readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
