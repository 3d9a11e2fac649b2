// actorpg: ActorPostmaster's command line — initdb, the server in the foreground (postgres -D), and pg_ctl's stop,
// reload and status.
//
//   actorpg initdb -D DIR [-U NAME] [--auth trust|scram-sha-256|md5|password|reject] [--pwfile FILE] [--wal-segsize MB]
//   actorpg start [-D DIR] [-p PORT] [-h ADDRESSES] [-c name=value]... [--config FILE]
//   actorpg stop -D DIR [-m smart|fast|immediate] [-t SECONDS] [-W]
//   actorpg reload -D DIR
//   actorpg status -D DIR
using ActorPostmaster.Hosting;
using ActorPostmaster.Server;

// Before anything touches the console: postgres handles its signals even when started with them ignored (nohup, &).
ProcessSignals.RestoreIgnoredPostmasterSignals();
return await Cli.RunAsync(args).ConfigureAwait(false);
