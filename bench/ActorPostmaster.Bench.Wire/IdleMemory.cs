using System.Globalization;
using ActorPostmaster.Interop.Harness;

namespace ActorPostmaster.Bench.Wire;

/// <summary>
/// Server memory without sessions and with N idle ones (each opened over a raw socket, startup completed, one
/// <c>SELECT 1</c> run). PostgreSQL: the sum of PSS over the postmaster and all its children (shared memory counted once
/// in total); actorpg: the RSS of its one process. Both from /proc/PID/smaps_rollup, in KB.
/// </summary>
internal static class IdleMemory
{
    public static async Task<(long BaselineKb, long LoadedKb)> MeasureAsync(ITestServer server, int sessions)
    {
        await WaitForNoClientBackendsAsync(server);
        var baseline = Measure(server);
        var connections = await BenchSupport.OpenIdleSessionsAsync(server, sessions);
        try
        {
            return (baseline, Measure(server));
        }
        finally
        {
            await BenchSupport.CloseAsync(connections);
        }
    }

    /// <summary>PostgreSQL: polls until no child of the postmaster is a client backend (their titles name the client address).</summary>
    private static async Task WaitForNoClientBackendsAsync(ITestServer server)
    {
        if (server.Name != "postgres")
        {
            return;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (OsProcesses.ChildrenOf(server.PostmasterPid).Any(IsClientBackend) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    private static bool IsClientBackend(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Contains("127.0.0.1(", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static long Measure(ITestServer server) => server.Name == "postgres"
        ? new[] { server.PostmasterPid }.Concat(OsProcesses.ChildrenOf(server.PostmasterPid)).Sum(pid => Rollup(pid, "Pss:"))
        : Rollup(server.PostmasterPid, "Rss:");

    private static long Rollup(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/smaps_rollup"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended while being measured.
        }

        return 0;
    }
}
