using System.Text;
using ActorPostmaster.Authentication;

namespace ActorPostmaster.Hosting;

/// <summary>What <see cref="InitDb.Run"/> creates.</summary>
public sealed record InitDbOptions
{
    /// <summary>The data directory (<c>-D</c>): created, or an existing empty directory.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The bootstrap superuser's name (<c>-U</c>).</summary>
    public string SuperuserName { get; init; } = "postgres";

    /// <summary>
    /// The authentication method of pg_hba.conf's rules (<c>--auth</c>); null means <c>trust</c>, with initdb's
    /// warning about it.
    /// </summary>
    public HbaMethod? AuthMethod { get; init; }

    /// <summary>A file whose first line is the superuser's password (<c>--pwfile</c>), or null.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>wal_segment_size in bytes (<c>--wal-segsize</c>, given in MB): a power of 2 from 1 MB to 1 GB.</summary>
    public int WalSegmentSize { get; init; } = Storage.WalSegments.DefaultSegmentSize;

    /// <summary>The owner named in the first line of output (default: the OS user).</summary>
    public string OwnerName { get; init; } = Environment.UserName;
}

/// <summary>initdb refused or failed: its <c>error:</c> line, and a <c>hint:</c> line when it has one.</summary>
public sealed class InitDbException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error.</param>
    /// <param name="hint">The hint, or null.</param>
    public InitDbException(string message, string? hint)
        : base(message) => Hint = hint;

    /// <summary>Creates the exception.</summary>
    public InitDbException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error.</param>
    public InitDbException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error.</param>
    /// <param name="innerException">The cause.</param>
    public InitDbException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>initdb's hint, or null.</summary>
    public string? Hint { get; }
}

/// <summary>
/// initdb: creates a data directory that <see cref="PostgresServer"/> can start from.
/// </summary>
/// <remarks>
/// The layout:
/// <list type="table">
/// <item><term><c>PG_VERSION</c></term><description><c>15</c>: the server refuses directories of another major version.</description></item>
/// <item><term><c>postgresql.conf</c></term><description>The settings, as HOCON (<c>postgresql { … }</c>); hocon/postmaster.conf lists every setting.</description></item>
/// <item><term><c>pg_hba.conf</c></term><description>Client authentication rules, as HOCON (see <see cref="HbaRules"/>).</description></item>
/// <item><term><c>global/catalog.conf</c></term><description>Roles and databases (see <see cref="CatalogFile"/>).</description></item>
/// <item><term><c>base/pgsql_tmp</c>, <c>pg_wal</c></term><description>Temporary files; the WAL, whose first segment holds the bootstrap checkpoint.</description></item>
/// <item><term><c>global/pg_control</c>, <c>base/kv.snapshot</c></term><description>The control file ("shut down") and the empty kv table's snapshot.</description></item>
/// </list>
/// Directories are created mode 0700 and files 0600, as PostgreSQL does.
/// </remarks>
public static class InitDb
{
    /// <summary>The version file's name.</summary>
    public const string VersionFileName = "PG_VERSION";

    /// <summary>Whether <paramref name="dataDirectory"/> holds a cluster (has PG_VERSION).</summary>
    /// <param name="dataDirectory">The directory.</param>
    public static bool IsCluster(string dataDirectory) => File.Exists(Path.Combine(dataDirectory, VersionFileName));

    /// <summary>Whether <paramref name="dataDirectory"/> is missing or an empty directory (initdb would take it).</summary>
    /// <param name="dataDirectory">The directory.</param>
    public static bool IsMissingOrEmpty(string dataDirectory) =>
        !Directory.Exists(dataDirectory) ? !File.Exists(dataDirectory) : !Directory.EnumerateFileSystemEntries(dataDirectory).Any();

    /// <summary>Creates the cluster, writing initdb's progress report to <paramref name="output"/> and its warnings to <paramref name="warnings"/>.</summary>
    /// <param name="options">What to create.</param>
    /// <param name="output">stdout.</param>
    /// <param name="warnings">stderr (initdb's <c>warning:</c> and <c>hint:</c> lines).</param>
    /// <exception cref="InitDbException">initdb refused (a non-empty directory, no password for password authentication …) or failed; nothing is left behind.</exception>
    public static void Run(InitDbOptions options, TextWriter output, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(warnings);
        var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        var user = options.SuperuserName;
        if (user.Length == 0)
        {
            throw new InitDbException("superuser name must not be empty");
        }

        if (user.StartsWith("pg_", StringComparison.Ordinal))
        {
            throw new InitDbException($"superuser name \"{user}\" is disallowed; role names cannot begin with \"pg_\"");
        }

        if (!Storage.WalSegments.IsValidSegmentSize(options.WalSegmentSize))
        {
            throw new InitDbException("argument of --wal-segsize must be a power of 2 between 1 and 1024");
        }

        var method = options.AuthMethod ?? HbaMethod.Trust;
        var password = options.PasswordFile is { } file ? ReadPasswordFile(file) : null;
        if (method is HbaMethod.ScramSha256 or HbaMethod.Md5 or HbaMethod.Password && password is null)
        {
            throw new InitDbException("must specify a password for the superuser to enable password authentication");
        }

        var verifier = password is null ? null : Protocol.ScramVerifier.FromPassword(password).ToSecret();

        var existing = Directory.Exists(dir);
        if (existing && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new InitDbException(
                $"directory \"{dir}\" exists but is not empty",
                $"If you want to create a new database system, either remove or empty the directory \"{dir}\" or run initdb with an argument other than \"{dir}\".");
        }

        if (!existing && File.Exists(dir))
        {
            throw new InitDbException($"could not create directory \"{dir}\": File exists");
        }

        output.WriteLine($"The files belonging to this database system will be owned by user \"{options.OwnerName}\".");
        output.WriteLine("This user must also own the server process.");
        output.WriteLine();
        output.WriteLine("The database cluster will be initialized with locale \"C.UTF-8\".");
        output.WriteLine("The default database encoding has accordingly been set to \"UTF8\".");
        output.WriteLine("The default text search configuration will be set to \"english\".");
        output.WriteLine();
        output.WriteLine("Data page checksums are disabled.");
        output.WriteLine();
        try
        {
            if (existing)
            {
                output.Write($"fixing permissions on existing directory {dir} ... ");
                SetDirectoryMode(dir);
            }
            else
            {
                output.Write($"creating directory {dir} ... ");
                CreateDirectory(dir);
            }

            output.WriteLine("ok");
            output.Write("creating subdirectories ... ");
            foreach (var sub in Storage.ClusterStorage.Subdirectories)
            {
                CreateDirectory(Path.Combine(dir, sub));
            }

            output.WriteLine("ok");
            output.WriteLine("selecting default max_connections ... 100");
            output.WriteLine("selecting default shared_buffers ... 128MB");
            output.WriteLine("selecting default time zone ... Etc/UTC");
            output.Write("creating configuration files ... ");
            WriteFile(Path.Combine(dir, VersionFileName), PostgresServer.MajorVersion + "\n");
            WriteFile(Path.Combine(dir, "postgresql.conf"), PostgresqlConf);
            WriteFile(Path.Combine(dir, HbaRules.DefaultFileName), HbaConf(method));
            output.WriteLine("ok");
            output.Write("running bootstrap script ... ");
            var catalog = Catalog.Default with
            {
                Roles = [new RoleSpec(user, Superuser: true, Password: verifier)],
            };
            WriteFile(Path.Combine(dir, CatalogFile.RelativePath), CatalogFile.Render(catalog));
            Storage.ClusterStorage.Bootstrap(Storage.LocalStorageFiles.Instance, dir, options.WalSegmentSize, DateTimeOffset.UtcNow);
            output.WriteLine("ok");
            output.WriteLine("syncing data to disk ... ok");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine();
            Remove(dir, existing, warnings);
            throw new InitDbException(e.Message);
        }

        output.WriteLine();
        if (options.AuthMethod is null)
        {
            warnings.WriteLine("initdb: warning: enabling \"trust\" authentication for local connections");
            warnings.WriteLine("initdb: hint: You can change this by editing pg_hba.conf or using the option --auth, the next time you run initdb.");
            warnings.WriteLine();
        }

        output.WriteLine("Success. You can now start the database server using:");
        output.WriteLine();
        output.WriteLine($"    actorpg start -D {QuoteForShell(dir)}");
        output.WriteLine();
    }

    private static string ReadPasswordFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
                UnauthorizedAccessException => "Permission denied",
                _ => e.Message,
            };
            throw new InitDbException($"could not open file \"{path}\" for reading: {reason}");
        }

        var password = text.Split('\n')[0].TrimEnd('\r');
        return password.Length == 0 ? throw new InitDbException($"password file \"{path}\" is empty") : password;
    }

    private static string HbaConf(HbaMethod method)
    {
        var name = HbaRules.MethodName(method);
        return $$"""
            # pg_hba.conf: client authentication, as HOCON. The first rule whose type, database, user and client address
            # match a connection decides how it authenticates; a connection no rule matches is refused.
            #
            #   type:     local (Unix-domain sockets), host, hostssl, hostnossl
            #   database: all, sameuser, samerole, replication, a database name, or a list of them
            #   user:     all, a role name, +role (the members of role), or a list of them
            #   address:  all, or an IP network in CIDR notation (host rules only)
            #   method:   trust, reject, scram-sha-256, md5, password
            #
            # A reload (actorpg reload -D DIR, or SIGHUP) re-reads this file; a file with errors is not loaded.

            hba = [
              # "local" is for Unix domain socket connections only
              { type = local, database = all, user = all, method = {{name}} }
              # IPv4 local connections:
              { type = host, database = all, user = all, address = "127.0.0.1/32", method = {{name}} }
              # IPv6 local connections:
              { type = host, database = all, user = all, address = "::1/128", method = {{name}} }
              # Allow replication connections from localhost, by a user with the replication privilege.
              { type = local, database = replication, user = all, method = {{name}} }
              { type = host, database = replication, user = all, address = "127.0.0.1/32", method = {{name}} }
              { type = host, database = replication, user = all, address = "::1/128", method = {{name}} }
            ]

            """;
    }

    private const string PostgresqlConf = """
        # postgresql.conf: the server's settings, as HOCON. Only the postgresql { } section is read.
        #
        # Every setting ActorPostmaster knows, with its default and when it may change, is listed in
        # hocon/postmaster.conf of the ActorPostmaster sources (PostgreSQL's postgresql.conf.sample). Values are HOCON
        # numbers, booleans or strings, with PostgreSQL's units (statement_timeout = 30s, work_mem = 4MB). A reload
        # (actorpg reload -D DIR, or SIGHUP) applies changed reloadable settings; "(change requires restart)" ones wait
        # for the next start. Command-line settings (actorpg start -c name=value, -p, -h) override this file.

        postgresql {

          # - Connection Settings -

          #listen_addresses = "localhost"   # what IP address(es) to listen on: comma-separated list of addresses,
                                            # "localhost" (127.0.0.1), or "*" for all (change requires restart)
          #port = 5432                      # (change requires restart)
          max_connections = 100             # (change requires restart)

          # - Memory -

          shared_buffers = 128MB            # (change requires restart)

          # - What to Log -

          #log_line_prefix = "%m [%p] "     # %m = timestamp with milliseconds, %p = process ID, %u = user name,
                                            # %d = database name, %a = application name, %b = backend type,
                                            # %q = stop here in non-session processes, %% = '%'
          log_timezone = "Etc/UTC"

          # - Locale and Formatting -

          DateStyle = "iso, mdy"
          TimeZone = "Etc/UTC"
          lc_messages = "C.UTF-8"           # locale for system error message strings
          lc_monetary = "C.UTF-8"           # locale for monetary formatting
          lc_numeric = "C.UTF-8"            # locale for number formatting
          lc_time = "C.UTF-8"               # locale for time formatting
          default_text_search_config = "pg_catalog.english"
        }

        """;

    private static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void SetDirectoryMode(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WriteFile(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>initdb's cleanup after a failure: the directory it created, or the contents of the one it was given.</summary>
    private static void Remove(string dir, bool existing, TextWriter warnings)
    {
        try
        {
            if (existing)
            {
                warnings.WriteLine($"initdb: removing contents of data directory \"{dir}\"");
                foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
                {
                    if (Directory.Exists(entry))
                    {
                        Directory.Delete(entry, recursive: true);
                    }
                    else
                    {
                        File.Delete(entry);
                    }
                }
            }
            else if (Directory.Exists(dir))
            {
                warnings.WriteLine($"initdb: removing data directory \"{dir}\"");
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.WriteLine($"initdb: error: failed to remove data directory: {e.Message}");
        }
    }

    private static string QuoteForShell(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-') ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
