using System.CommandLine;
using System.CommandLine.Help;

namespace ActorPostmaster.Server;

/// <summary>The commands, their options, and the way usage errors are reported (one line on stderr, exit 1).</summary>
internal static class Cli
{
    /// <summary>The program name in messages (pg_ctl's progname).</summary>
    public const string ProgramName = "actorpg";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var message = string.Join(' ', parse.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await Console.Error.WriteLineAsync($"{ProgramName}: error: {message} (try \"{ProgramName} --help\")").ConfigureAwait(false);
            return 1;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    internal static RootCommand Build()
    {
        var root = new RootCommand("ActorPostmaster: PostgreSQL's postmaster as an actor system.");

        // -h is the listen address of "start", as in postgres; help is --help and -? only.
        foreach (var help in root.Options.OfType<HelpOption>().ToList())
        {
            root.Options.Remove(help);
        }

        root.Options.Add(new HelpOption("--help", "-?"));
        root.SetAction(_ =>
        {
            Console.Error.WriteLine($"{ProgramName}: no operation specified (try \"{ProgramName} --help\")");
            return 1;
        });

        root.Subcommands.Add(InitDbCommand());
        root.Subcommands.Add(StartCommand());
        root.Subcommands.Add(StopCommand());
        root.Subcommands.Add(ReloadCommand());
        root.Subcommands.Add(StatusCommand());
        return root;
    }

    private static Option<string?> DataDirectoryOption(string description) => new("--pgdata", "-D") { Description = description, HelpName = "DIR" };

    private static Command InitDbCommand()
    {
        var dataDirectory = DataDirectoryOption("location for this database cluster (default: $PGDATA)");
        var user = new Option<string>("--username", "-U")
        {
            Description = "database superuser name",
            HelpName = "NAME",
            DefaultValueFactory = _ => "postgres",
        };
        var auth = new Option<string?>("--auth", "-A") { Description = "authentication method of pg_hba.conf (default: trust)", HelpName = "METHOD" };
        auth.AcceptOnlyFromAmong("trust", "reject", "scram-sha-256", "md5", "password");
        var pwfile = new Option<string?>("--pwfile") { Description = "read the new superuser's password from file", HelpName = "FILE" };
        var walSegmentSize = new Option<int>("--wal-segsize") { Description = "size of WAL segments, in megabytes (default: 16)", HelpName = "SIZE", DefaultValueFactory = _ => 16 };
        var command = new Command("initdb", "create a new database cluster") { dataDirectory, user, auth, pwfile, walSegmentSize };
        command.SetAction(result => InitDbRunner.Run(
            result.GetValue(dataDirectory), result.GetValue(user)!, result.GetValue(auth), result.GetValue(pwfile), result.GetValue(walSegmentSize)));
        return command;
    }

    private static Command StartCommand()
    {
        var dataDirectory = DataDirectoryOption("database directory (default: $PGDATA, else ./data; initialised when missing or empty)");
        var port = new Option<int?>("--port", "-p") { Description = "port number to listen on", HelpName = "PORT" };
        var host = new Option<string?>("--listen-addresses", "-h") { Description = "host name(s) or IP address(es) to listen on", HelpName = "ADDRESSES" };
        var settings = new Option<string[]>("--set", "-c") { Description = "set run-time parameter", HelpName = "NAME=VALUE" };
        var config = new Option<string?>("--config") { Description = "configuration file to read instead of DIR/postgresql.conf", HelpName = "FILE" };
        var command = new Command("start", "run the server in the foreground (as postgres -D does)") { dataDirectory, port, host, settings, config };
        command.SetAction((result, _) => ServerRunner.RunAsync(
            result.GetValue(dataDirectory), result.GetValue(port), result.GetValue(host), result.GetValue(settings) ?? [], result.GetValue(config)));
        return command;
    }

    private static Command StopCommand()
    {
        var dataDirectory = DataDirectoryOption("database directory (default: $PGDATA)");
        var mode = new Option<string>("--mode", "-m")
        {
            Description = "shutdown mode: smart, fast or immediate",
            HelpName = "MODE",
            DefaultValueFactory = _ => "fast",
        };
        var timeout = new Option<int?>("--timeout", "-t") { Description = "seconds to wait (default: $PGCTLTIMEOUT, else 60)", HelpName = "SECS" };
        var noWait = new Option<bool>("--no-wait", "-W") { Description = "do not wait until the operation completes" };
        var wait = new Option<bool>("--wait", "-w") { Description = "wait until the operation completes (default)" };
        var command = new Command("stop", "stop the server (as pg_ctl stop)") { dataDirectory, mode, timeout, noWait, wait };
        command.SetAction(result => PgCtl.Stop(
            result.GetValue(dataDirectory), result.GetValue(mode)!, result.GetValue(timeout), wait: !result.GetValue(noWait)));
        return command;
    }

    private static Command ReloadCommand()
    {
        var dataDirectory = DataDirectoryOption("database directory (default: $PGDATA)");
        var command = new Command("reload", "make the server reload its configuration files (SIGHUP)") { dataDirectory };
        command.SetAction(result => PgCtl.Reload(result.GetValue(dataDirectory)));
        return command;
    }

    private static Command StatusCommand()
    {
        var dataDirectory = DataDirectoryOption("database directory (default: $PGDATA)");
        var command = new Command("status", "show whether the server runs (exit 0 running, 3 not running, 4 no data directory)") { dataDirectory };
        command.SetAction(result => PgCtl.Status(result.GetValue(dataDirectory)));
        return command;
    }
}
