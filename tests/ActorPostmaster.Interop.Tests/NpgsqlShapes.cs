using System.Text;
using Npgsql;

namespace ActorPostmaster.Interop.Tests;

/// <summary>Describes an exception the way these tests record Npgsql's behaviour: type, message, SQLSTATE, inner chain.</summary>
public static class NpgsqlShapes
{
    /// <summary>One line per exception in the chain.</summary>
    public static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text.Append(e.GetType().FullName).Append(": ").Append(e.Message.ReplaceLineEndings(" | "));
            if (e is PostgresException pg)
            {
                text.Append($" [SqlState={pg.SqlState} Severity={pg.Severity} InvariantSeverity={pg.InvariantSeverity} IsTransient={pg.IsTransient}]");
            }
            else if (e is NpgsqlException npg)
            {
                text.Append($" [IsTransient={npg.IsTransient}]");
            }
            else if (e is System.Net.Sockets.SocketException se)
            {
                text.Append($" [SocketErrorCode={se.SocketErrorCode}]");
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
