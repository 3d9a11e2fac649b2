using System.Globalization;
using System.Text.RegularExpressions;
using ActorPostmaster.Interop.Harness;
using Npgsql;

namespace ActorPostmaster.Interop.Tests;

/// <summary>Helpers shared by the interop tests.</summary>
public static partial class TestSupport
{
    /// <summary>Replaces the server's port by <c>PORT</c>, so texts compare equal across runs and targets.</summary>
    public static string Normalize(string text, ITestServer server) =>
        text.Replace("port " + server.Port.ToString(CultureInfo.InvariantCulture), "port PORT", StringComparison.Ordinal)
            .Replace(":" + server.Port.ToString(CultureInfo.InvariantCulture), ":PORT", StringComparison.Ordinal);

    /// <summary>Replaces every run of digits by <c>N</c> (pids, counts).</summary>
    public static string MaskNumbers(string text) => Digits().Replace(text, "N");

    /// <summary>An Npgsql connection string for the server as <c>postgres</c>.</summary>
    public static string ConnectionString(ITestServer server, bool noTypeLoading = true, bool pooling = true, string? extra = null)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = server.Host,
            Port = server.Port,
            Username = "postgres",
            Database = "postgres",
            Pooling = pooling,
            Timeout = 15,
            CommandTimeout = 60,
            ApplicationName = "interop-tests",
        };
        // The connection-string keyword (obsolete as a builder property since Npgsql 9, still honoured) is what
        // applications written for PostgreSQL-compatible servers carry in their configuration.
        var text = builder.ConnectionString + (noTypeLoading ? ";Server Compatibility Mode=NoTypeLoading" : "");
        return extra is null ? text : text + ";" + extra;
    }

    /// <summary>A data source for the server (NoTypeLoading unless asked otherwise).</summary>
    public static NpgsqlDataSource DataSource(ITestServer server, bool noTypeLoading = true, bool pooling = true, string? extra = null) =>
        NpgsqlDataSource.Create(ConnectionString(server, noTypeLoading, pooling, extra));

    /// <summary>Runs a scalar query on an open connection.</summary>
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return (T)value!;
    }

    /// <summary>
    /// Polls (psql, every 20 ms) until <paramref name="pid"/>'s row in pg_stat_activity has state <c>active</c>, i.e.
    /// its statement is running and a cancel or terminate will hit it. Throws at the deadline.
    /// </summary>
    public static async Task WaitUntilActiveAsync(ITestServer server, int pid, TimeSpan? timeout = null)
    {
        var clients = ClientTools.For(server);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var sql = "SELECT state FROM pg_stat_activity WHERE pid = " + pid.ToString(CultureInfo.InvariantCulture);
        string state;
        while ((state = await clients.QueryAsync(sql)) != "active")
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Backend {pid} never became active (last state '{state}').");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; a timeout is a failure naming <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Polls until the number of client backends in pg_stat_activity is at most <paramref name="count"/> (the asking one included).</summary>
    public static async Task WaitForClientBackendsAsync(ITestServer server, int count, TimeSpan? timeout = null)
    {
        var clients = ClientTools.For(server);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            string now;
            try
            {
                // One pid per line (ActorPostmaster's SQL has no aggregates, so no count(*)).
                now = await clients.QueryAsync("SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend'");
                if (now.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= count)
                {
                    return;
                }
            }
            catch (InvalidOperationException e)
            {
                now = e.Message;   // e.g. no slot free yet for the asking session itself
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Expected at most {count} client backends; last answer: {now}");
            }

            await Task.Delay(20);
        }
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
