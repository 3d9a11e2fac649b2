using Xunit;

namespace ActorPostmaster.Tests;

public sealed class AdmissionSpecs
{
    [Theory]
    [InlineData(PmState.Startup, ShutdownLevel.NoShutdown, false, true, ConnectionAdmission.Startup)]
    [InlineData(PmState.Startup, ShutdownLevel.NoShutdown, true, true, ConnectionAdmission.Recovery)]
    [InlineData(PmState.Recovery, ShutdownLevel.NoShutdown, false, true, ConnectionAdmission.NotHotStandby)]
    [InlineData(PmState.WaitBackends, ShutdownLevel.NoShutdown, true, true, ConnectionAdmission.Recovery)]
    [InlineData(PmState.WaitBackends, ShutdownLevel.Fast, false, true, ConnectionAdmission.Shutdown)]
    [InlineData(PmState.Run, ShutdownLevel.Smart, false, false, ConnectionAdmission.Shutdown)]
    [InlineData(PmState.Run, ShutdownLevel.NoShutdown, false, true, ConnectionAdmission.Ok)]
    [InlineData(PmState.HotStandby, ShutdownLevel.NoShutdown, false, true, ConnectionAdmission.Ok)]
    public void CanAcceptConnections_should_follow_postmaster_c(PmState state, ShutdownLevel shutdown, bool fatalError, bool connsAllowed, ConnectionAdmission expected)
    {
        var snapshot = PmSnapshot.Initial with { State = state, Shutdown = shutdown, FatalError = fatalError, ConnsAllowed = connsAllowed };

        Assert.Equal(expected, Admission.CanAcceptConnections(snapshot));
    }

    [Fact]
    public void A_smart_shutdown_should_refuse_clients_but_not_autovacuum_workers()
    {
        var smart = PmSnapshot.Initial with { State = PmState.Run, Shutdown = ShutdownLevel.Smart, ConnsAllowed = false };

        Assert.Equal(ConnectionAdmission.Shutdown, Admission.CanAcceptConnections(smart, BackendType.Backend));
        Assert.Equal(ConnectionAdmission.Ok, Admission.CanAcceptConnections(smart, BackendType.AutovacuumWorker));
    }

    [Theory]
    [InlineData(ConnectionAdmission.Startup, true, "57P03", "the database system is starting up", null)]
    [InlineData(ConnectionAdmission.NotHotStandby, true, "57P03", "the database system is not yet accepting connections", "Consistent recovery state has not been yet reached.")]
    [InlineData(ConnectionAdmission.NotHotStandby, false, "57P03", "the database system is not accepting connections", "Hot standby mode is disabled.")]
    [InlineData(ConnectionAdmission.Shutdown, true, "57P03", "the database system is shutting down", null)]
    [InlineData(ConnectionAdmission.Recovery, true, "57P03", "the database system is in recovery mode", null)]
    [InlineData(ConnectionAdmission.TooMany, true, "53300", "sorry, too many clients already", null)]
    public void Each_refusal_should_be_one_FATAL_with_the_oracles_text(ConnectionAdmission admission, bool hotStandby, string sqlState, string message, string? detail)
    {
        var error = Admission.Refusal(admission, PmSnapshot.Initial, hotStandby);

        Assert.Equal(new PgError(PgSeverity.Fatal, sqlState, message, detail), error);
    }

    [Fact]
    public void The_backend_pool_should_hold_twice_max_connections_plus_wal_senders_and_dead_ends_should_not_be_pooled()
    {
        var slots = new ChildSlots(maxConnections: 3, maxWalSenders: 1, autovacuumWorkers: 3, maxWorkerProcesses: 8);

        Assert.Equal(8, slots.Capacity(BackendType.Backend));
        Assert.Null(slots.Capacity(BackendType.DeadEndBackend));
        for (var i = 0; i < 8; i++)
        {
            Assert.True(slots.TryAcquire(i % 2 == 0 ? BackendType.Backend : BackendType.WalSender));
        }

        Assert.False(slots.TryAcquire(BackendType.Backend));
        Assert.True(slots.TryAcquire(BackendType.DeadEndBackend));
        slots.Release(BackendType.Backend);
        Assert.True(slots.TryAcquire(BackendType.Backend));
    }
}
