namespace ActorPostmaster.Hocon.Tests;

/// <summary>Locates the shared HOCON conformance vectors (../shared/hocon-conformance next to the repository).</summary>
internal static class ConformanceData
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string Root => Directory.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorPostmaster.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException(
                $"Could not find ActorPostmaster.sln above {AppContext.BaseDirectory}; cannot locate the HOCON conformance vectors.");
        }

        var conformance = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "hocon-conformance"));
        if (!System.IO.Directory.Exists(conformance))
        {
            throw new InvalidOperationException(
                $"The HOCON conformance vectors are missing: expected the folder {conformance} (../shared/hocon-conformance relative to the repository root).");
        }

        return conformance;
    }
}
