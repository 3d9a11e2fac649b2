// The postmaster scenario shown in README.md, verbatim.
using ActorPostmaster;
using ActorPostmaster.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace MyApp.Tests;

public sealed class CrashScenarioSpecs(ITestOutputHelper output) : TestKit(output)
{
    [Fact]
    public async Task A_crash_should_warn_every_session_with_57P02_and_close_it()
    {
        var cluster = PostmasterScenario.Start(this);                          // a postmaster in PM_RUN
        var bystander = await cluster.ConnectAsync();
        var fault = cluster.CrashProcess(BackendType.Checkpointer);
        Assert.Equal(ExitStatus.Aborted, (await fault.GoneAsync()).Status);   // the checkpointer is gone
        await fault.RecoveredAsync();                                          // crash cycle over, PM_RUN again
        var warning = Assert.IsType<NoticeResponse>(await bystander.ReadAsync(TimeSpan.Zero));
        Assert.Equal("57P02", warning.Notice.SqlState);
    }
}
