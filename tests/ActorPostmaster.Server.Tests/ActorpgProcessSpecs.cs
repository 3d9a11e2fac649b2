using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorPostmaster.Hosting;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>Process-level runs never overlap: each one is a real server with real signals.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ActorpgProcesses
{
    public const string Name = "actorpg processes";
}

/// <summary>actorpg as postgres, pg_ctl and initdb: real processes, real signals, postmaster.pid on disk.</summary>
[Collection(ActorpgProcesses.Name)]
public sealed class ActorpgProcessSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task WaitUntilReady(string dir, ActorpgProcess server) => Eventually.True(
        () => server.HasExited
            ? throw new InvalidOperationException($"actorpg exited during startup:\n{server.Stderr}")
            : PostmasterPidFile.Read(dir) is { Pid: var pid, Status: PostmasterPidFile.StatusReady } && pid == server.Id,
        "postmaster.pid says ready");

    [Fact]
    public async Task Start_status_reload_and_stop_should_behave_as_postgres_and_pg_ctl()
    {
        var dir = _temp.Combine("data");
        var port = Eventually.FreePort();
        using var server = Actorpg.Start("start", "-D", dir, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitUntilReady(dir, server);

        await Eventually.True(
            () => server.Stderr.Contains($"[{server.Id}] LOG:  database system is ready to accept connections\n", StringComparison.Ordinal),
            "the server's log says ready");
        Assert.Contains($"LOG:  data directory \"{dir}\" is missing or empty: initializing it", server.Stderr, StringComparison.Ordinal);
        Assert.Contains($"[{server.Id}] LOG:  listening on IPv4 address \"127.0.0.1\", port {port}\n", server.Stderr, StringComparison.Ordinal);
        var pidFile = PostmasterPidFile.Read(dir)!;
        Assert.Equal((dir, port, "localhost"), (pidFile.DataDirectory, pidFile.Port, pidFile.ListenAddress));

        var status = await Actorpg.RunAsync("status", "-D", dir);
        Assert.Equal(0, status.Code);
        var statusLines = status.Out.Split('\n');
        Assert.Equal($"actorpg: server is running (PID: {server.Id})", statusLines[0]);
        Assert.EndsWith($" \"start\" \"-D\" \"{dir}\" \"-p\" \"{port}\"", statusLines[1], StringComparison.Ordinal);

        var reload = await Actorpg.RunAsync("reload", "-D", dir);
        Assert.Equal((0, "server signaled\n"), (reload.Code, reload.Out));
        await Eventually.True(() => server.Stderr.Contains("LOG:  received SIGHUP, reloading configuration files", StringComparison.Ordinal), "the server reloads");

        var second = await Actorpg.RunAsync("start", "-D", dir, "-p", Eventually.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, second.Code);
        Assert.Contains("] FATAL:  lock file \"postmaster.pid\" already exists\n", second.Err, StringComparison.Ordinal);
        Assert.Contains($"] HINT:  Is another postmaster (PID {server.Id}) running in data directory \"{dir}\"?\n", second.Err, StringComparison.Ordinal);
        Assert.Equal(server.Id, PostmasterPidFile.Read(dir)!.Pid);

        var stop = await Actorpg.RunAsync("stop", "-D", dir, "-m", "fast");
        Assert.Equal(0, stop.Code);
        Assert.StartsWith("waiting for server to shut down...", stop.Out, StringComparison.Ordinal);
        Assert.EndsWith(" done\nserver stopped\n", stop.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, PostmasterPidFile.FileName)));
        Assert.Equal(0, await server.ExitedAsync());
        Assert.Contains("LOG:  received fast shutdown request\n", server.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("LOG:  database system is shut down\n", server.Stderr, StringComparison.Ordinal);

        var after = await Actorpg.RunAsync("status", "-D", dir);
        Assert.Equal((3, "actorpg: no server running\n"), (after.Code, after.Out));
    }

    [Fact]
    public async Task A_stale_pid_file_should_be_replaced_and_SIGQUIT_should_end_the_server()
    {
        var dir = _temp.Combine("data");
        var initdb = await Actorpg.RunAsync("initdb", "-D", dir);
        Assert.Equal(0, initdb.Code);
        Assert.Contains("Success. You can now start the database server using:", initdb.Out, StringComparison.Ordinal);
        using (var gone = Process.Start("true"))
        {
            await gone.WaitForExitAsync();
            File.WriteAllText(Path.Combine(dir, PostmasterPidFile.FileName), $"{gone.Id}\n{dir}\n1\n5432\n\nlocalhost\n        0         0\nready   \n");
        }

        using var server = Actorpg.Start("start", "-D", dir, "-p", Eventually.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitUntilReady(dir, server);

        Assert.True(ProcessSignals.TrySend(server.Id, ProcessSignals.SigQuit, out _));

        Assert.Equal(0, await server.ExitedAsync());
        Assert.Contains("LOG:  received immediate shutdown request\n", server.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, PostmasterPidFile.FileName)));
    }

    [Fact]
    public async Task SIGTERM_should_be_a_smart_shutdown()
    {
        var dir = _temp.Combine("data");
        using var server = Actorpg.Start("start", "-D", dir, "-p", Eventually.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitUntilReady(dir, server);

        Assert.True(ProcessSignals.TrySend(server.Id, ProcessSignals.SigTerm, out _));

        Assert.Equal(0, await server.ExitedAsync());
        Assert.Contains("LOG:  received smart shutdown request\n", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_pid_file_should_stop_a_second_start()
    {
        var dir = _temp.Combine("data");
        Assert.Equal(0, (await Actorpg.RunAsync("initdb", "-D", dir)).Code);
        File.WriteAllText(Path.Combine(dir, PostmasterPidFile.FileName), string.Empty);

        var start = await Actorpg.RunAsync("start", "-D", dir, "-p", Eventually.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, start.Code);
        Assert.Contains("] FATAL:  lock file \"postmaster.pid\" is empty\n", start.Err, StringComparison.Ordinal);
        Assert.Contains(
            "] HINT:  Either another server is starting, or the lock file is the remnant of a previous server startup crash.\n",
            start.Err,
            StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, PostmasterPidFile.FileName)));
    }

    [Fact]
    public async Task A_port_in_use_should_end_the_start_with_exit_code_1()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var dir = _temp.Combine("data");

        var start = await Actorpg.RunAsync("start", "-D", dir, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, start.Code);
        Assert.Contains("] LOG:  could not bind IPv4 address \"127.0.0.1\": Address already in use\n", start.Err, StringComparison.Ordinal);
        Assert.Contains($"] HINT:  Is another postmaster already running on port {port}? If not, wait a few seconds and retry.\n", start.Err, StringComparison.Ordinal);
        Assert.Contains("] FATAL:  could not create any TCP/IP sockets\n", start.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, PostmasterPidFile.FileName)));
    }

    [Fact]
    public async Task Pg_ctl_commands_without_a_server_should_answer_as_pg_ctl_does()
    {
        var dir = _temp.Combine("data");
        Assert.Equal(0, (await Actorpg.RunAsync("initdb", "-D", dir)).Code);

        var stop = await Actorpg.RunAsync("stop", "-D", dir);
        Assert.Equal((1, $"actorpg: PID file \"{dir}/postmaster.pid\" does not exist\nIs server running?\n"), (stop.Code, stop.Err));

        var reload = await Actorpg.RunAsync("reload", "-D", dir);
        Assert.Equal((1, $"actorpg: PID file \"{dir}/postmaster.pid\" does not exist\nIs server running?\n"), (reload.Code, reload.Err));

        var missing = await Actorpg.RunAsync("status", "-D", _temp.Combine("nowhere"));
        Assert.Equal((4, $"actorpg: directory \"{_temp.Combine("nowhere")}\" does not exist\n"), (missing.Code, missing.Err));

        var notCluster = await Actorpg.RunAsync("status", "-D", _temp.Path);
        Assert.Equal((4, $"actorpg: directory \"{_temp.Path}\" is not a database cluster directory\n"), (notCluster.Code, notCluster.Err));

        var mode = await Actorpg.RunAsync("stop", "-D", dir, "-m", "gentle");
        Assert.Equal((1, "actorpg: unrecognized shutdown mode \"gentle\"\n"), (mode.Code, mode.Err));

        var noDirectory = await Actorpg.RunAsync("stop");
        Assert.Equal((1, "actorpg: no database directory specified and environment variable PGDATA unset\n"), (noDirectory.Code, noDirectory.Err));
    }

    [Fact]
    public async Task Initdb_should_refuse_a_directory_that_is_not_empty()
    {
        var dir = _temp.Combine("data");
        Assert.Equal(0, (await Actorpg.RunAsync("initdb", "-D", dir, "-U", "admin")).Code);

        var again = await Actorpg.RunAsync("initdb", "-D", dir);

        Assert.Equal(1, again.Code);
        Assert.Equal(
            $"initdb: error: directory \"{dir}\" exists but is not empty\n"
            + $"initdb: hint: If you want to create a new database system, either remove or empty the directory \"{dir}\" or run initdb with an argument other than \"{dir}\".\n",
            again.Err);
    }

    [Fact]
    public async Task A_directory_that_is_neither_empty_nor_a_cluster_should_not_be_started()
    {
        File.WriteAllText(_temp.Combine("notes.txt"), "not a cluster");

        var start = await Actorpg.RunAsync("start", "-D", _temp.Path);

        Assert.Equal(1, start.Code);
        Assert.Single(start.Err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"actorpg: error: \"{_temp.Path}\" is not a database cluster directory", start.Err, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("start", "--no-such-option")]
    [InlineData("stop", "-t", "soon")]
    [InlineData("initdb", "-D", "x", "--auth", "magic")]
    public async Task Bad_usage_should_be_one_line_on_stderr_and_a_non_zero_exit(params string[] args)
    {
        var run = await Actorpg.RunAsync(args);

        Assert.NotEqual(0, run.Code);
        Assert.StartsWith("actorpg: error: ", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_setting_without_a_value_should_be_refused()
    {
        var run = await Actorpg.RunAsync("start", "-D", _temp.Combine("data"), "-c", "work_mem");

        Assert.Equal((1, "actorpg: error: -c work_mem requires a value\n"), (run.Code, run.Err));
        Assert.False(Directory.Exists(_temp.Combine("data")));
    }
}
