using ActorPostmaster.Hocon.Parsing;

namespace ActorPostmaster.Hocon;

/// <summary>
/// Thrown when a HOCON document cannot be read: a syntax error, a failed or cyclic <c>include</c>, a
/// substitution that cannot be resolved, or a substitution cycle. The message starts with the place of the
/// problem, <c>file:line:column: </c> (for example <c>postmaster.conf:12:7: expected '}' but found end of input</c>);
/// documents parsed from a string are named <c>&lt;string&gt;</c>.
/// </summary>
public class HoconParseException : HoconException
{
    private readonly string? _reason;

    /// <summary>Creates an exception with a default message and no position.</summary>
    public HoconParseException()
    {
        File = "<unknown>";
    }

    /// <summary>Creates an exception with the given message and no position.</summary>
    /// <param name="message">What went wrong.</param>
    public HoconParseException(string message)
        : base(message)
    {
        File = "<unknown>";
    }

    /// <summary>Creates an exception with the given message and cause, and no position.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public HoconParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "<unknown>";
    }

    /// <summary>Creates an exception for a problem at a known place.</summary>
    /// <param name="file">The file name, or <c>&lt;string&gt;</c>.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column (in UTF-16 code units; a tab counts as one).</param>
    /// <param name="reason">What went wrong, without the position (it is prepended to <see cref="Exception.Message"/>).</param>
    public HoconParseException(string file, int line, int column, string reason)
        : base($"{file}:{line}:{column}: {reason}")
    {
        File = file;
        Line = line;
        Column = column;
        _reason = reason;
    }

    internal HoconParseException(SourcePosition position, string reason)
        : this(position.File, position.Line, position.Column, reason)
    {
    }

    /// <summary>The file the problem is in, or <c>&lt;string&gt;</c> for a document parsed from a string.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the problem (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem (0 when unknown).</summary>
    public int Column { get; }

    /// <summary>The description of the problem without its position (the whole message when the position is unknown).</summary>
    public string Reason => _reason ?? Message;
}
