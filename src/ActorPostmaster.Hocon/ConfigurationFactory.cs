namespace ActorPostmaster.Hocon;

/// <summary>
/// Creates <see cref="Config"/> instances from HOCON text (the Akka.NET entry point). Parsing includes the
/// included files, merges duplicate keys and resolves every substitution (against the document itself, then
/// against environment variables) before returning.
/// </summary>
/// <remarks>
/// <para>
/// Substitutions: <c>${path}</c> is looked up in the document (for a file included inside an object, first
/// relative to that object, then from the root); if the path is not set there (a <c>null</c> counts as set), the
/// environment variable named by the path (its elements joined with '.') is used when present and not empty;
/// otherwise <c>${path}</c> is an error and <c>${?path}</c> is undefined (the field is not set, an array element is
/// dropped, and in a concatenation it contributes nothing). Cycles are reported with the chain of fields involved.
/// </para>
/// <para>
/// Includes: <c>include "name"</c>, <c>include file("name")</c> and <c>include required(...)</c> load files. A
/// relative name is resolved against the directory of the including file (for text that does not come from a
/// file: the include base directory, by default <see cref="AppContext.BaseDirectory"/>; the process's current
/// directory is never used). A name ending in <c>.conf</c>, <c>.json</c> or <c>.properties</c> loads that
/// file; any other name is a base name and loads every one of <c>name.properties</c>, <c>name.json</c> and
/// <c>name.conf</c> that exists, merged in that order. A missing file is ignored unless <c>required(...)</c>
/// is used. <c>include url(...)</c>, <c>include classpath(...)</c> and a quoted name that is a URL (other
/// than <c>file:</c>) are rejected with a <see cref="HoconParseException"/>. JSON files are read by the HOCON
/// parser (JSON is a subset of HOCON).
/// </para>
/// </remarks>
public static class ConfigurationFactory
{
    /// <summary>The empty configuration (same as <see cref="Config.Empty"/>).</summary>
    public static Config Empty => Config.Empty;

    /// <summary>Parses and resolves a HOCON document held in a string (named <c>&lt;string&gt;</c> in errors).</summary>
    /// <param name="hocon">The document.</param>
    /// <exception cref="HoconParseException">The document is invalid, an include fails, or a substitution cannot be resolved.</exception>
    public static Config ParseString(string hocon) => ParseString(hocon, AppContext.BaseDirectory);

    /// <summary>Parses and resolves a HOCON document held in a string, resolving relative includes against a directory.</summary>
    /// <param name="hocon">The document.</param>
    /// <param name="includeBaseDirectory">The directory relative include names are resolved against.</param>
    /// <exception cref="HoconParseException">The document is invalid, an include fails, or a substitution cannot be resolved.</exception>
    public static Config ParseString(string hocon, string includeBaseDirectory)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        ArgumentNullException.ThrowIfNull(includeBaseDirectory);
        return new Config(HoconReader.ParseText(hocon, null, null, includeBaseDirectory));
    }

    /// <summary>
    /// Parses and resolves a file. The format follows the extension: <c>.properties</c> files are Java properties,
    /// anything else is HOCON (which includes JSON). Errors name the file as given in <paramref name="path"/>.
    /// </summary>
    /// <param name="path">The file to read (UTF-8, with or without a byte-order mark).</param>
    /// <exception cref="HoconParseException">The document is invalid, an include fails, or a substitution cannot be resolved.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Config ParseFile(string path) => new(HoconReader.ParseFile(path));
}
