namespace ActorPostmaster.Hocon.Parsing;

/// <summary>How an include statement names its resource.</summary>
internal enum IncludeKind
{
    /// <summary><c>include "name"</c>.</summary>
    Heuristic,

    /// <summary><c>include file("name")</c>.</summary>
    File,

    /// <summary><c>include url("...")</c> (not supported).</summary>
    Url,

    /// <summary><c>include classpath("...")</c> (not supported).</summary>
    Classpath,
}

/// <summary>The argument of an include statement.</summary>
internal sealed record IncludeRequest(string Name, IncludeKind Kind, bool Required);

/// <summary>
/// Reads documents and the files they include, for one top-level parse. It keeps the chain of files being read
/// so that an include cycle is reported (naming the chain) instead of recursing forever.
/// </summary>
internal sealed class DocumentLoader
{
    /// <summary>Deeper include chains than this are reported as errors even without a detected cycle.</summary>
    private const int MaxIncludeDepth = 50;

    private static readonly string[] ExtensionOrder = [".properties", ".json", ".conf"];

    private readonly List<string> _chain = [];

    /// <summary>Parses a document held in memory.</summary>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">The name used in messages (a file path or <c>&lt;string&gt;</c>).</param>
    /// <param name="fullPath">The full path of the file the text came from, if any (for include cycle detection).</param>
    /// <param name="baseDirectory">The directory relative includes are resolved against.</param>
    public Node LoadText(string text, string sourceName, string? fullPath, string? baseDirectory)
    {
        if (fullPath is not null)
        {
            _chain.Add(fullPath);
        }

        try
        {
            var tokens = new Lexer(text, sourceName).Tokenize();
            return new Parser(tokens, this, baseDirectory, [], depth: 0).ParseDocument();
        }
        finally
        {
            if (fullPath is not null)
            {
                _chain.RemoveAt(_chain.Count - 1);
            }
        }
    }

    /// <summary>
    /// Loads the object an include statement names, or returns null when an optional include finds nothing.
    /// </summary>
    /// <param name="request">The include statement.</param>
    /// <param name="position">Where the statement is (for errors).</param>
    /// <param name="prefix">The path of the object the file is included into.</param>
    /// <param name="baseDirectory">The directory of the including file.</param>
    /// <param name="depth">The object/array nesting depth of the statement.</param>
    public ObjectNode? Include(IncludeRequest request, SourcePosition position, IReadOnlyList<string> prefix, string? baseDirectory, int depth)
    {
        if (request.Kind is IncludeKind.Url or IncludeKind.Classpath
            || (request.Kind == IncludeKind.Heuristic && LooksLikeUrl(request.Name)))
        {
            var form = request.Kind == IncludeKind.Classpath ? "classpath(...)" : "URL";
            throw new HoconParseException(position, $"cannot include '{request.Name}': {form} includes are not supported, only files");
        }

        var name = request.Name;
        if (name.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(name, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            name = uri.LocalPath;
        }

        if (name.Length == 0)
        {
            throw new HoconParseException(position, "an include file name cannot be empty");
        }

        var basePath = Path.IsPathRooted(name) ? name : Path.Combine(baseDirectory ?? AppContext.BaseDirectory, name);
        var extension = Path.GetExtension(basePath);
        var candidates = ExtensionOrder.Contains(extension, StringComparer.OrdinalIgnoreCase)
            ? [basePath]
            : ExtensionOrder.Select(e => basePath + e).ToArray();

        ObjectNode? result = null;
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            var loaded = LoadIncludedFile(candidate, position, prefix, depth);
            if (result is null)
            {
                result = loaded;
            }
            else
            {
                result.MergeFrom(loaded);
            }
        }

        if (result is null && request.Required)
        {
            throw new HoconParseException(position, candidates.Length == 1
                ? $"required include not found: {candidates[0]}"
                : $"required include not found: none of {string.Join(", ", candidates)} exists");
        }

        return result;
    }

    private static bool LooksLikeUrl(string name)
    {
        var colon = name.IndexOf("://", StringComparison.Ordinal);
        return colon > 1 && !name.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && name[..colon].All(char.IsAsciiLetter);
    }

    private ObjectNode LoadIncludedFile(string path, SourcePosition position, IReadOnlyList<string> prefix, int depth)
    {
        var fullPath = Path.GetFullPath(path);
        var cycleStart = _chain.FindIndex(p => string.Equals(p, fullPath, StringComparison.Ordinal));
        if (cycleStart >= 0)
        {
            var cycle = _chain.Skip(cycleStart).Append(fullPath).Select(Path.GetFileName);
            throw new HoconParseException(position, $"include cycle: {string.Join(" -> ", cycle)} (in {Path.GetDirectoryName(fullPath)})");
        }

        if (_chain.Count >= MaxIncludeDepth)
        {
            throw new HoconParseException(position, $"includes are nested more than {MaxIncludeDepth} deep; there is probably an include cycle");
        }

        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconParseException(position, $"cannot read included file {path}: {e.Message}");
        }

        _chain.Add(fullPath);
        try
        {
            var directory = Path.GetDirectoryName(fullPath);
            if (string.Equals(Path.GetExtension(fullPath), ".properties", StringComparison.OrdinalIgnoreCase))
            {
                return PropertiesReader.Read(text, new SourcePosition(path, 1, 1));
            }

            var tokens = new Lexer(text, path).Tokenize();
            var root = new Parser(tokens, this, directory, prefix, depth).ParseDocument();
            return root as ObjectNode
                ?? throw new HoconParseException(root.Position, "an included file must contain an object, not an array");
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }
}
