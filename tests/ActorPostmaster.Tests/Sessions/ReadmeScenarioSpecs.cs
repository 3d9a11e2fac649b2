// The postmaster scenario shown in README.md, verbatim.
using ActorPostmaster;
using ActorPostmaster.Actors;
using ActorPostmaster.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace MyApp.Tests;

public sealed class CrashScenarioSpecs(ITestOutputHelper output) : TestKit(output)
{
    [Fact]
    public async Task A_crash_should_warn_every_session_with_57P02_and_close_it()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(PmStateTransition));
        var postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default), "postmaster");
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);   // started
        var session = await ClientSession.ConnectAsync(Sys, postmaster);
        postmaster.Tell(new CrashProcess(BackendType.Checkpointer));
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);   // crash cycle done, ready again
        var warning = Assert.IsType<NoticeResponse>(await session.ReadAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal("57P02", warning.Notice.SqlState);
    }
}
