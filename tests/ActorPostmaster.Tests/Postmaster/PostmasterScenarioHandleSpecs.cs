using ActorPostmaster.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>PostmasterScenario: every fault returns a handle that completes when the fault has taken effect.</summary>
public sealed class PostmasterScenarioHandleSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Terminate_should_complete_when_the_backend_is_gone_with_exit_code_1_after_its_57P01()
    {
        var cluster = PostmasterScenario.Start(this);
        var session = await cluster.ConnectAsync();

        var exit = await cluster.Terminate(session.KeyData!.Pid).GoneAsync();

        Assert.Equal(new ExitStatus.Exited(1), exit.Status);
        Assert.Equal("57P01", Assert.IsType<ErrorResponse>(await session.ReadAsync(TimeSpan.Zero)).Error.SqlState);
        Assert.Equal(ConnectionClosed.Instance, await session.ReadAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task Kill_should_complete_when_the_crash_cycle_is_over_and_the_trace_should_show_it()
    {
        var cluster = PostmasterScenario.Start(this);
        var victim = await cluster.ConnectAsync();
        var bystander = await cluster.ConnectAsync();

        var fault = cluster.Kill(victim.KeyData!.Pid);
        await fault.RecoveredAsync();

        Assert.Equal(
            [PmState.WaitBackends, PmState.WaitDeadEnd, PmState.NoChildren, PmState.Startup, PmState.Run],
            fault.SinceFault().Select(t => t.To));
        Assert.Equal(ExitStatus.Killed, (await fault.GoneAsync(TimeSpan.Zero)).Status);
        Assert.Equal("57P02", Assert.IsType<NoticeResponse>(await bystander.ReadAsync(TimeSpan.Zero)).Notice.SqlState);
        Assert.Equal(ConnectionClosed.Instance, await victim.ReadAsync(TimeSpan.Zero)); // SIGKILL: no message at all
        Assert.Equal(PmState.Run, cluster.State);
    }

    [Fact]
    public async Task CrashProcess_should_name_the_crashed_child_and_report_signal_6()
    {
        var cluster = PostmasterScenario.Start(this);
        var checkpointer = cluster.PidOf(BackendType.Checkpointer);

        var fault = cluster.CrashProcess(BackendType.Checkpointer);

        Assert.Equal(checkpointer, fault.Pid);
        Assert.Equal(ExitStatus.Aborted, (await fault.GoneAsync()).Status);
        await fault.RecoveredAsync();
        Assert.NotEqual(checkpointer, cluster.PidOf(BackendType.Checkpointer));
    }

    [Fact]
    public async Task A_fast_shutdown_handle_should_complete_with_the_postmasters_exit_code()
    {
        var cluster = PostmasterScenario.Start(this);
        await cluster.ConnectAsync();

        var code = await cluster.Shutdown(ShutdownLevel.Fast).PostmasterExitedAsync();

        Assert.Equal(0, code);
        Assert.Equal(PmState.NoChildren, cluster.State);
        Assert.Contains(cluster.Exits, e => e.Type == BackendType.Backend && e.Status == new ExitStatus.Exited(1));
    }

    [Fact]
    public async Task Waiting_for_an_effect_that_never_happens_should_fail_the_test()
    {
        var cluster = PostmasterScenario.Start(this);
        var session = await cluster.ConnectAsync();

        var fault = cluster.Cancel(session.KeyData!.Pid); // an idle backend ignores a cancel

        await Assert.ThrowsAnyAsync<Exception>(() => fault.GoneAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAnyAsync<Exception>(() => fault.ReachedAsync(PmState.WaitBackends, TimeSpan.FromSeconds(5)));
        Assert.Equal(new DataRow(["1"]), (await session.QueryAsync("SELECT 1"))[1]);
    }

    [Fact]
    public void Signalling_a_pid_that_is_not_a_child_should_throw()
    {
        var cluster = PostmasterScenario.Start(this);

        Assert.Throws<InvalidOperationException>(() => cluster.Terminate(424242));
    }
}
