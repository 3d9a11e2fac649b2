using ActorPostmaster.Interop.Harness;

namespace ActorPostmaster.Interop.Tests;

/// <summary>The harness itself, against PostgreSQL 15 (what the rest of the project relies on).</summary>
public sealed class HarnessSpecs
{
    [Fact]
    public void PostgresBinaries_should_find_PostgreSQL_15_with_server_and_client_programs()
    {
        var binaries = PostgresBinaries.Locate().RequireMajorVersion(15);

        Assert.StartsWith("PostgreSQL 15.", binaries.Version, StringComparison.Ordinal);
        Assert.All(new[] { binaries.Postgres, binaries.Initdb, binaries.PgCtl, binaries.Psql, binaries.Pgbench, binaries.PgIsReady },
            path => Assert.True(File.Exists(path), path));
    }

    [Fact]
    public void FreePort_should_not_hand_out_the_same_port_twice()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1024, 65535));
    }

    [Fact]
    public async Task ThrowawayPostgres_should_listen_on_loopback_only_and_leave_nothing_behind_when_disposed()
    {
        var server = await ThrowawayPostgres.StartAsync();
        var dataDirectory = server.DataDirectory;
        var pid = server.PostmasterPid;
        try
        {
            Assert.Equal("127.0.0.1", await server.ExecuteSqlAsync("SHOW listen_addresses"));
            Assert.Equal(server.SocketDirectory, await server.ExecuteSqlAsync("SHOW unix_socket_directories"));
            Assert.Equal("UTF8", await server.ExecuteSqlAsync("SHOW server_encoding"));
            Assert.Equal("C.UTF-8", await server.ExecuteSqlAsync("SHOW lc_collate"));
            if (OsProcesses.IsRoot)
            {
                var owner = await ProcessRunner.RunCheckedAsync("stat", ["-c", "%U", dataDirectory]);
                Assert.Equal(ThrowawayPostgres.OsUser, owner.StandardOutput.Trim());
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(OsProcesses.IsAlive(pid));
        Assert.False(Directory.Exists(dataDirectory));
        Assert.Equal(2, (await server.Clients.PgIsReadyAsync()).ExitCode);
    }

    [Fact]
    public async Task The_oracle_role_setup_should_give_scram_for_pwuser_and_reject_rejectme()
    {
        await using var server = await ThrowawayPostgres.StartAsync();
        await server.ConfigureOracleRolesAsync();

        var wrong = await ClientTools.For(server, "pwuser").PsqlAsync(["-X", "-c", "SELECT 1"], environment: new Dictionary<string, string?> { ["PGPASSWORD"] = "wrong" });
        var right = await ClientTools.For(server, "pwuser").PsqlAsync(["-X", "-A", "-t", "-c", "SELECT current_user"], environment: new Dictionary<string, string?> { ["PGPASSWORD"] = "secret" });
        var rejected = await ClientTools.For(server, "rejectme").PsqlAsync(["-X", "-c", "SELECT 1"]);

        Assert.Equal(2, wrong.ExitCode);
        Assert.Equal("psql: error: connection to server at \"127.0.0.1\", port PORT failed: FATAL:  password authentication failed for user \"pwuser\"\n",
            TestSupport.Normalize(wrong.StandardError, server));
        Assert.Equal((0, "pwuser\n"), (right.ExitCode, right.StandardOutput));
        Assert.Equal(2, rejected.ExitCode);
        Assert.Equal(
            "psql: error: connection to server at \"127.0.0.1\", port PORT failed: FATAL:  pg_hba.conf rejects connection for host \"127.0.0.1\", " +
            "user \"rejectme\", database \"postgres\", no encryption\n",
            TestSupport.Normalize(rejected.StandardError, server));
    }
}
