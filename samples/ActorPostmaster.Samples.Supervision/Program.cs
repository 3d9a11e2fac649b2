// A supervisor, a worker that crashes, and the restart budget that finally stops it, logged through Serilog.
//
//   dotnet run --project samples/ActorPostmaster.Samples.Supervision
//
// The worker fails on every job whose number is a multiple of 3. Its supervisor restarts it (a new instance, the
// same mailbox) at most 3 times a minute; the 4th failure exhausts the budget and the worker is stopped. The
// supervisor watches it, logs its end, and the program terminates the system.
using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using ActorPostmaster.Samples.Supervision;
using Serilog;
using Serilog.Extensions.Logging;

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Debug()
    .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} [{SourceContext}] {Message:lj}{NewLine}{Exception}")
    .CreateLogger();

using var loggerFactory = new SerilogLoggerFactory(Log.Logger, dispose: true);
var system = ActorSystem.Create("sample", ActorSystemSettings.Default, new ActorSystemSetup { LoggerFactory = loggerFactory });
var done = new TaskCompletionSource();
system.ActorOf(Props.Create(() => new Supervisor(done)), "supervisor");

await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
await system.Terminate();
return 0;

namespace ActorPostmaster.Samples.Supervision
{
    /// <summary>A job for the worker.</summary>
    internal sealed record Job(int Number);

    /// <summary>Restarts its worker at most 3 times a minute; when it stops for good, the sample is done.</summary>
    internal sealed class Supervisor : ReceiveActor
    {
        public Supervisor(TaskCompletionSource done)
        {
            var log = Context.GetLogger();
            var worker = Context.Watch(Context.ActorOf(Props.Create(() => new Worker()), "worker"));
            for (var n = 1; n <= 12; n++)
            {
                worker.Tell(new Job(n));
            }

            Receive<Terminated>(t =>
            {
                log.Warning("{Worker} was stopped: its restart budget is spent", t.ActorRef.Path);
                done.TrySetResult();
            });
        }

        protected override SupervisorStrategy SupervisorStrategy() =>
            new OneForOneStrategy(maxNrOfRetries: 3, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: _ => Directive.Restart);
    }

    /// <summary>Does jobs; crashes on every third.</summary>
    internal sealed class Worker : ReceiveActor
    {
        private readonly ILoggingAdapter _log = Context.GetLogger();
        private int _done;

        public Worker()
        {
            Receive<Job>(job =>
            {
                if (job.Number % 3 == 0)
                {
                    throw new InvalidOperationException($"job {job.Number} crashed the worker");
                }

                _done++;
                _log.Info("did job {Number} ({Done} since this instance started)", job.Number, _done);
            });
        }

        protected override void PreStart() => _log.Info("worker instance started");

        protected override void PostRestart(Exception reason)
        {
            _log.Info("restarted after: {Reason}", reason.Message);
            base.PostRestart(reason);
        }
    }
}
