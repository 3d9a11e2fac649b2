using ActorPostmaster.Authentication;
using ActorPostmaster.Hosting;

namespace ActorPostmaster.Server;

/// <summary><c>actorpg initdb</c>: initdb's output and messages (progname <c>initdb</c>, as initdb prints them).</summary>
internal static class InitDbRunner
{
    public static int Run(string? dataDirectory, string user, string? auth, string? passwordFile, int walSegmentMegabytes = 16)
    {
        dataDirectory ??= Environment.GetEnvironmentVariable("PGDATA");
        if (string.IsNullOrEmpty(dataDirectory))
        {
            Console.Error.WriteLine("initdb: error: no data directory specified");
            Console.Error.WriteLine(
                "initdb: hint: You must identify the directory where the data for this database system will reside.  "
                + "Do this with either the invocation option -D or the environment variable PGDATA.");
            return 1;
        }

        HbaMethod? method = null;
        if (auth is not null)
        {
            if (!HbaRules.TryParseMethod(auth, out var parsed))
            {
                Console.Error.WriteLine($"initdb: error: invalid authentication method \"{auth}\"");
                return 1;
            }

            method = parsed;
        }

        try
        {
            InitDb.Run(
                new InitDbOptions
                {
                    DataDirectory = dataDirectory, SuperuserName = user, AuthMethod = method, PasswordFile = passwordFile,
                    WalSegmentSize = walSegmentMegabytes is > 0 and <= 1024 ? walSegmentMegabytes * 1024 * 1024 : -1,
                },
                Console.Out,
                Console.Error);
            return 0;
        }
        catch (InitDbException e)
        {
            Console.Error.WriteLine($"initdb: error: {e.Message}");
            if (e.Hint is { } hint)
            {
                Console.Error.WriteLine($"initdb: hint: {hint}");
            }

            return 1;
        }
    }
}
