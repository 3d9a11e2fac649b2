using ActorPostmaster.Interop.Harness;
using Npgsql;

namespace ActorPostmaster.Interop.Tests;

/// <summary>
/// Npgsql's pool after the server restarts (fast shutdown + start) or runs its crash cycle (a backend SIGKILLed):
/// exactly what the open connections report, and that the pool recovers. Each test has its own server.
/// </summary>
public sealed class NpgsqlRecoverySpecs(ITestOutputHelper output)
{
    private const string CrashWarning = "terminating connection because of crash of another server process";

    private const string CrashDetail =
        "The postmaster has commanded this server process to roll back the current transaction and exit, because another server " +
        "process exited abnormally and possibly corrupted shared memory.";

    private const string CrashHint = "In a moment you should be able to reconnect to the database and repeat your command.";

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task After_a_fast_restart_the_idle_pooled_connection_should_fail_once_with_FATAL_57P01_and_the_next_one_succeed(string target)
    {
        await using var server = await InteropTargets.StartAsync(target);
        await using var dataSource = TestSupport.DataSource(server);
        int pidBefore;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            pidBefore = await TestSupport.ScalarAsync<int>(connection, "SELECT pg_backend_pid()");
        }

        await server.RestartAsync(ShutdownMode.Fast);
        var (failures, pidAfter) = await QueryUntilSuccessAsync(dataSource);

        Assert.NotEqual(pidBefore, pidAfter);
        var failure = Assert.IsType<PostgresException>(Assert.Single(failures));   // the stale pooled connection, read at its first use
        Assert.Equal("57P01", failure.SqlState);
        Assert.Equal("FATAL", failure.Severity);
        Assert.Equal("terminating connection due to administrator command", failure.MessageText);
        Assert.True(failure.IsTransient);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_connection_idle_during_a_backend_crash_should_get_the_57P02_warning_then_end_of_stream(string target)
    {
        await using var server = await InteropTargets.StartAsync(target);
        await using var held = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false, extra: "Include Error Detail=true"));
        await held.OpenAsync();
        Assert.Equal(1, await TestSupport.ScalarAsync<int>(held, "SELECT 1"));
        var notices = new List<PostgresNotice>();
        held.Notice += (_, e) => { lock (notices) { notices.Add(e.Notice); } };
        await using var victim = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false));
        await victim.OpenAsync();
        var victimPid = await TestSupport.ScalarAsync<int>(victim, "SELECT pg_backend_pid()");

        Assert.Equal(0, await server.KillBackendAsync(victimPid));

        // The killed backend's client: the socket closes without a message. (WaitAsync reads without sending anything:
        // a query sent while the backend dies could turn the close into a reset.)
        var victimError = await Assert.ThrowsAsync<NpgsqlException>(() => WaitUntilBrokenAsync(victim));
        output.WriteLine("victim: " + NpgsqlShapes.Describe(victimError));
        AssertEndOfStream(victimError);

        // Every other session, unsolicited: NoticeResponse WARNING 57P02 (raised as a Notice event, not thrown), then end of stream.
        var heldError = await Assert.ThrowsAsync<NpgsqlException>(() => WaitUntilBrokenAsync(held));
        output.WriteLine("held: " + NpgsqlShapes.Describe(heldError));
        AssertEndOfStream(heldError);
        Assert.Equal(System.Data.ConnectionState.Closed, held.State);
        PostgresNotice notice;
        lock (notices)
        {
            notice = Assert.Single(notices);
        }

        Assert.Equal("WARNING", notice.Severity);
        Assert.Equal("WARNING", notice.InvariantSeverity);
        Assert.Equal("57P02", notice.SqlState);
        Assert.Equal(CrashWarning, notice.MessageText);
        Assert.Equal(CrashDetail, notice.Detail);
        Assert.Equal(CrashHint, notice.Hint);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task After_a_backend_crash_the_stale_pooled_connection_should_fail_once_and_the_pool_recover_through_57P03(string target)
    {
        await using var server = await InteropTargets.StartAsync(target);
        await using var dataSource = TestSupport.DataSource(server);
        await using (var pooled = await dataSource.OpenConnectionAsync())
        {
            Assert.Equal(1, await TestSupport.ScalarAsync<int>(pooled, "SELECT 1"));   // then idle in the pool
        }

        await using var witness = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false));
        await witness.OpenAsync();
        await using var victim = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false));
        await victim.OpenAsync();
        var victimPid = await TestSupport.ScalarAsync<int>(victim, "SELECT pg_backend_pid()");

        Assert.Equal(0, await server.KillBackendAsync(victimPid));
        // Once another idle session has been told to quit, so has the pooled connection's backend.
        AssertEndOfStream(await Assert.ThrowsAsync<NpgsqlException>(() => WaitUntilBrokenAsync(witness)));
        var (failures, _) = await QueryUntilSuccessAsync(dataSource);

        foreach (var f in failures)
        {
            output.WriteLine(NpgsqlShapes.Describe(f));
        }

        Assert.NotEmpty(failures);
        AssertBrokenStream(Assert.IsType<NpgsqlException>(failures[0]));   // the stale pooled connection
        Assert.All(failures.Skip(1), f =>
        {
            // New connections while the postmaster resets and replays WAL; then one succeeds.
            var postgres = Assert.IsType<PostgresException>(f);
            Assert.Equal("57P03", postgres.SqlState);
            Assert.Equal("FATAL", postgres.Severity);
            Assert.Contains(postgres.MessageText, new[] { "the database system is in recovery mode", "the database system is not yet accepting connections" });
        });
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task When_a_pooled_connection_breaks_in_a_crash_the_pool_should_drop_its_idle_connections(string target)
    {
        await using var server = await InteropTargets.StartAsync(target);
        await using var dataSource = TestSupport.DataSource(server);
        await using var held = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await TestSupport.ScalarAsync<int>(held, "SELECT 1"));
        await using (var pooled = await dataSource.OpenConnectionAsync())
        {
            Assert.Equal(1, await TestSupport.ScalarAsync<int>(pooled, "SELECT 1"));   // then idle in the pool
        }

        await using var victim = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false));
        await victim.OpenAsync();
        Assert.Equal(0, await server.KillBackendAsync(await TestSupport.ScalarAsync<int>(victim, "SELECT pg_backend_pid()")));

        AssertEndOfStream(await Assert.ThrowsAsync<NpgsqlException>(() => WaitUntilBrokenAsync(held)));
        var (failures, _) = await QueryUntilSuccessAsync(dataSource);

        // Npgsql 10 clears the pool when one of its connections breaks, so the stale idle one is never handed out:
        // the only failures are new connections refused during recovery.
        Assert.All(failures, f => Assert.Equal("57P03", Assert.IsType<PostgresException>(f).SqlState));
    }

    /// <summary>
    /// Reads from an idle connection without sending anything (NpgsqlConnection.WaitAsync returns after each
    /// asynchronous message, e.g. a notice) until the read fails; throws <see cref="TimeoutException"/> after 30 s.
    /// </summary>
    private static async Task WaitUntilBrokenAsync(NpgsqlConnection connection)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await connection.WaitAsync(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException("The connection stayed open.");
    }

    /// <summary>
    /// The first use of a connection whose backend is gone: the query is written, then the read finds end of stream,
    /// or a reset when the query reached the backend's socket before it closed (then the close carries a RST).
    /// </summary>
    private static void AssertBrokenStream(NpgsqlException exception)
    {
        Assert.Equal("Exception while reading from stream", exception.Message);
        Assert.True(exception.IsTransient);
        if (exception.InnerException is not EndOfStreamException)
        {
            var io = Assert.IsType<IOException>(exception.InnerException);
            Assert.Equal(System.Net.Sockets.SocketError.ConnectionReset, Assert.IsType<System.Net.Sockets.SocketException>(io.InnerException).SocketErrorCode);
        }
    }

    private static void AssertEndOfStream(NpgsqlException exception)
    {
        Assert.Equal("Exception while reading from stream", exception.Message);
        Assert.IsType<EndOfStreamException>(exception.InnerException);
        Assert.True(exception.IsTransient);
    }

    /// <summary>
    /// Opens a pooled connection and runs <c>SELECT pg_backend_pid()</c> until that succeeds (polled every 10 ms, deadline
    /// 30 s); returns the exceptions of the failed attempts, in order, and the pid of the successful one.
    /// </summary>
    private static async Task<(List<Exception> Failures, int Pid)> QueryUntilSuccessAsync(NpgsqlDataSource dataSource)
    {
        var failures = new List<Exception>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                return (failures, await TestSupport.ScalarAsync<int>(connection, "SELECT pg_backend_pid()"));
            }
            catch (NpgsqlException e) when (DateTime.UtcNow < deadline)
            {
                failures.Add(e);
                await Task.Delay(10);
            }
        }
    }
}
