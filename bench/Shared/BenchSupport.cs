using System.Globalization;
using System.Text.RegularExpressions;
using ActorPostmaster.Interop.Harness;

namespace ActorPostmaster.Bench;

/// <summary>What the wire and storage benchmarks share: which servers to run, the machine's load, the result table.</summary>
internal static class BenchSupport
{
    /// <summary>The servers to measure: PostgreSQL 15 and actorpg (when built), or the one <paramref name="only"/> names.</summary>
    /// <param name="only">pg, actorpg, or null for both.</param>
    /// <returns>The targets, or null (after saying why) when actorpg was asked for and is not built.</returns>
    public static List<string>? Targets(string? only)
    {
        var targets = new List<string>();
        if (only is null or "pg")
        {
            targets.Add("pg");
        }

        if (only is null or "actorpg")
        {
            if (ActorPgServer.LocateDll() is not null)
            {
                targets.Add("actorpg");
            }
            else if (only == "actorpg")
            {
                Console.Error.WriteLine("actorpg.dll not found: build src/ActorPostmaster.Server -c Release or set ACTORPG_DLL.");
                return null;
            }
            else
            {
                Console.WriteLine("(actorpg not built: src/ActorPostmaster.Server/bin/*/net10.0/actorpg.dll missing; PostgreSQL only)");
            }
        }

        return targets;
    }

    /// <summary>The one-minute load average.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>The markdown table: one row per measurement, with both servers' figures and the ratio actorpg / PostgreSQL.</summary>
    /// <param name="results">Figures by target ("pg", "actorpg"), then by measurement key.</param>
    /// <param name="rows">The rows: key, label, unit, whether higher is better.</param>
    /// <param name="label">Rewrites a row's label (to put in counts).</param>
    /// <returns>The table.</returns>
    public static List<string> Table(
        Dictionary<string, Dictionary<string, double>> results,
        IEnumerable<(string Key, string Label, string Unit, bool Higher)> rows,
        Func<string, string>? label = null)
    {
        var pg = results.GetValueOrDefault("pg");
        var actor = results.GetValueOrDefault("actorpg");
        var lines = new List<string>
        {
            "| Measurement | Unit | Better | PostgreSQL 15 | actorpg | actorpg / PostgreSQL |",
            "| --- | --- | --- | ---: | ---: | ---: |",
        };
        foreach (var (key, text, unit, higher) in rows)
        {
            double? p = pg is not null && pg.TryGetValue(key, out var pv) ? pv : null;
            double? a = actor is not null && actor.TryGetValue(key, out var av) ? av : null;
            var ratio = p is > 0 && a is not null ? (a.Value / p.Value).ToString("F2", CultureInfo.InvariantCulture) : "-";
            lines.Add($"| {(label ?? (l => l))(text)} | {unit} | {(higher ? "higher" : "lower")} | {Format(p)} | {Format(a)} | {ratio} |");
        }

        return lines;
    }

    /// <summary>A figure: thousands separated from 100 up, else three decimals; "-" when missing.</summary>
    public static string Format(double? value) => value switch
    {
        null => "-",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("F3", CultureInfo.InvariantCulture),
    };

    /// <summary>Runs pgbench; a failure or a timeout ends the benchmark with pgbench's output.</summary>
    /// <returns>pgbench's standard output.</returns>
    public static async Task<string> PgbenchAsync(ClientTools clients, TimeSpan timeout, string[] args)
    {
        var result = await clients.PgbenchAsync(args, timeout: timeout);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            throw new InvalidOperationException("pgbench failed:\n" + result);
        }

        return result.StandardOutput;
    }

    /// <summary>The number the first group of <paramref name="pattern"/> captures in <paramref name="text"/>.</summary>
    public static double Figure(Regex pattern, string text)
    {
        var match = pattern.Match(text);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"'{pattern}' not found in:\n{text}");
    }

    /// <summary>
    /// Opens <paramref name="count"/> sessions over raw sockets, 8 at a time: startup completed and one <c>SELECT 1</c>
    /// run, then idle.
    /// </summary>
    /// <param name="server">The server.</param>
    /// <param name="count">How many.</param>
    /// <returns>The connections (the caller ends them with <see cref="CloseAsync"/>).</returns>
    public static async Task<PgWireConnection[]> OpenIdleSessionsAsync(ITestServer server, int count)
    {
        var connections = new PgWireConnection[count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port, ct);
                connections[i] = connection;
                var startup = await connection.StartupAsync("postgres", cancellationToken: ct);
                if (startup.Count == 0 || startup[^1].Type != 'Z')
                {
                    throw new InvalidOperationException($"session {i} failed to start: {string.Join(", ", startup)}");
                }

                await connection.SendAsync(FrontendMessages.Query("SELECT 1"), ct);
                var reply = await connection.ReadUntilReadyAsync(ct);
                if (reply.Count == 0 || reply[^1].Type != 'Z')
                {
                    throw new InvalidOperationException($"session {i}: SELECT 1 failed: {string.Join(", ", reply)}");
                }
            });
        }
        catch
        {
            await CloseAsync(connections);
            throw;
        }

        return connections;
    }

    /// <summary>Sends Terminate on every open connection and closes it.</summary>
    public static async Task CloseAsync(IEnumerable<PgWireConnection?> connections)
    {
        foreach (var connection in connections.OfType<PgWireConnection>())
        {
            try
            {
                await connection.SendAsync(FrontendMessages.Terminate());
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                // the server already closed it
            }

            await connection.DisposeAsync();
        }
    }
}
