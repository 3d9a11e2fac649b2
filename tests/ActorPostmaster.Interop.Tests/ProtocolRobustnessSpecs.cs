using System.Globalization;
using ActorPostmaster.Interop.Harness;
using Npgsql;

namespace ActorPostmaster.Interop.Tests;

/// <summary>
/// Thousands of malformed frontend connections (seeded; <c>ACTORPG_FUZZ_SEED</c>, <c>ACTORPG_FUZZ_CASES</c>) while a
/// healthy Npgsql session keeps running SELECT 1. The PostgreSQL row is the calibration: it shows what PostgreSQL 15
/// answers to the same bytes, and the allowed SQLSTATEs below are exactly those it produced.
/// </summary>
public sealed class ProtocolRobustnessSpecs(ITestOutputHelper output)
{
    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Malformed_frontend_traffic_should_be_refused_per_connection_without_disturbing_other_sessions(string target)
    {
        var seed = EnvInt("ACTORPG_FUZZ_SEED", 20261121);
        var count = EnvInt("ACTORPG_FUZZ_CASES", 2000);
        var cases = ProtocolFuzzer.Generate(seed, count);
        await using var server = await InteropTargets.StartAsync(target);

        using var stopHealth = new CancellationTokenSource();
        var health = new HealthSession(server, stopHealth.Token);
        var outcomes = new FuzzOutcome[cases.Count];
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
            outcomes[c.Index] = await FuzzOutcome.RunAsync(c, server.Host, server.Port, TimeSpan.FromSeconds(20)));
        var healthyQueriesDuring = health.Completed;
        await health.WaitForMoreAsync(3);
        await stopHealth.CancelAsync();
        var (queries, failures) = await health.Task;

        output.WriteLine($"seed {seed}, {count} cases against {target}; health session ran {queries} queries ({healthyQueriesDuring} during the fuzz)");
        output.WriteLine(FuzzReport.Histogram(outcomes));
        output.WriteLine(FuzzReport.Codes(outcomes));
        foreach (var o in outcomes.Where(o => o.Violation is not null).Take(20))
        {
            output.WriteLine($"VIOLATION case {o.Case.Index} ({o.Case.Kind}): {o.Violation}; payload {Convert.ToHexString(o.Case.Payload)}");
        }

        if (failures.Count > 0)
        {
            output.WriteLine("health session failures:\n" + string.Join("\n", failures) + "\nserver log:\n" + server.ServerLog);
        }

        Assert.Empty(failures);
        Assert.True(healthyQueriesDuring > 0, "the health session should have completed queries while the fuzz ran");
        Assert.Empty(outcomes.Where(o => o.Violation is not null).Select(o => $"case {o.Case.Index} ({o.Case.Kind}): {o.Violation}"));
        var errors = outcomes.SelectMany(o => o.Messages.Where(m => m.IsErrorOrNotice).Select(m => (o.Case, Message: m))).ToList();
        Assert.Empty(errors.Where(e => e.Message.Type == 'E' && e.Message.Severity == "FATAL" && !AllowedFatal.Contains(e.Message.SqlState!))
            .Select(e => $"case {e.Case.Index} ({e.Case.Kind}): {e.Message}"));
        Assert.Empty(errors.Where(e => e.Message.Type == 'E' && e.Message.Severity == "ERROR" && !AllowedError.Contains(e.Message.SqlState!))
            .Select(e => $"case {e.Case.Index} ({e.Case.Kind}): {e.Message}"));
        Assert.All(errors.Where(e => e.Message.SqlState == "XX000"), e => Assert.Matches(@"^cache lookup failed for type \d+$", e.Message.MessageText));
        Assert.Empty(errors.Where(e => e.Message.Type == 'N').Select(e => $"case {e.Case.Index} ({e.Case.Kind}): {e.Message}"));

        // Still the same postmaster, still accepting, no crash cycle, and every fuzz session gone (the health session has
        // closed; only the asking psql remains).
        Assert.Equal(0, (await ClientTools.For(server).PgIsReadyAsync()).ExitCode);
        Assert.True(OsProcesses.IsAlive(server.PostmasterPid));
        await TestSupport.WaitForClientBackendsAsync(server, 1);
        Assert.DoesNotContain("terminating any other active server processes", server.ServerLog, StringComparison.Ordinal);
    }

    /// <summary>
    /// FATAL codes PostgreSQL 15 sent in calibration (seeds 1-3 x 4,000 cases and the default seed); everything else it
    /// refuses by closing the socket without a message (invalid startup packet length, invalid message length, EOF
    /// inside a message: COMMERROR, logged only).
    /// </summary>
    private static readonly HashSet<string> AllowedFatal =
    [
        "08P01", // protocol_violation: invalid frontend message type N; invalid startup packet layout; received unencrypted data after SSL request
        "0A000", // feature_not_supported: unsupported frontend protocol N.N: server supports 3.0 to 3.0
        "28000", // invalid_authorization_specification: no PostgreSQL user name specified in startup packet; role "..." does not exist
        "3D000", // invalid_catalog_name: database "..." does not exist
        "42704", // undefined_object: unrecognized configuration parameter "..." (a mutated startup parameter name)
    ];

    /// <summary>ERROR codes (the session survives) PostgreSQL 15 sent in calibration.</summary>
    private static readonly HashSet<string> AllowedError =
    [
        "08P01", // invalid string in message; invalid message format; insufficient/no data left in message; invalid DESCRIBE/CLOSE
                 // message subtype N; bind message supplies N parameters, but prepared statement "..." requires N
        "22021", // invalid byte sequence for encoding "UTF8": 0x..
        "22023", // unsupported format code: N
        "22P03", // incorrect binary data format in bind parameter N
        "25P02", // current transaction is aborted, commands ignored until end of transaction block
        "26000", // prepared statement "..." does not exist; unnamed prepared statement does not exist
        "34000", // portal "..." does not exist
        "42601", // syntax error at or near ...; unterminated quoted string/identifier; trailing junk after numeric literal
        "42703", // column "..." does not exist
        "42704", // type "..." does not exist
        "42846", // cannot cast type int2vector to integer (Parse with a mutated parameter type OID)
        "42883", // operator does not exist: ! integer; function with OID N does not exist (type byte mutated into 'F', FunctionCall)
        "42P02", // there is no parameter $N
        "42P18", // could not determine data type of parameter $N
        "XX000", // cache lookup failed for type N (Parse with a parameter type OID that does not exist; only this text)
    ];

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    /// <summary>An Npgsql session (NoTypeLoading, no pooling) running SELECT 1 back to back until stopped.</summary>
    private sealed class HealthSession
    {
        private int _completed;
        private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HealthSession(ITestServer server, CancellationToken stop) => Task = RunAsync(server, stop);

        public Task<(int Queries, List<string> Failures)> Task { get; }

        public int Completed => Volatile.Read(ref _completed);

        public async Task WaitForMoreAsync(int more)
        {
            var target = Completed + more;
            while (Completed < target && !Task.IsCompleted)
            {
                await System.Threading.Tasks.Task.WhenAny(Volatile.Read(ref _progress).Task, Task);
            }
        }

        private async Task<(int, List<string>)> RunAsync(ITestServer server, CancellationToken stop)
        {
            var failures = new List<string>();
            await using var connection = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false));
            await connection.OpenAsync(CancellationToken.None);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var value = await command.ExecuteScalarAsync(CancellationToken.None);
                    if (value is not 1)
                    {
                        failures.Add($"SELECT 1 returned {value}");
                    }
                }
                catch (NpgsqlException e)
                {
                    failures.Add(e.ToString());
                    break;
                }

                Interlocked.Increment(ref _completed);
                Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            return (Completed, failures);
        }
    }
}
