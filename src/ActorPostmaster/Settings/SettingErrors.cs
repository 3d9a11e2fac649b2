using System.Globalization;

namespace ActorPostmaster.Settings;

/// <summary>The client-visible errors and notices of the settings engine, with PostgreSQL 15's texts and SQLSTATEs.</summary>
public static class SettingErrors
{
    /// <summary>22023 <c>invalid value for parameter "name": "value"</c>, with an optional DETAIL and HINT.</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    /// <param name="value">The value as given.</param>
    /// <param name="detail">The DETAIL, or null.</param>
    /// <param name="hint">The HINT, or null.</param>
    /// <param name="sqlState">The SQLSTATE (22023 unless a check says otherwise, e.g. 0A000 for client_encoding).</param>
    public static PgError InvalidValue(string name, string value, string? detail = null, string? hint = null, string sqlState = "22023") =>
        new(PgSeverity.Error, sqlState, $"invalid value for parameter \"{name}\": \"{value}\"", detail, hint);

    /// <summary>22023 <c>parameter "name" requires a Boolean value</c>.</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError RequiresBoolean(string name) =>
        new(PgSeverity.Error, "22023", $"parameter \"{name}\" requires a Boolean value");

    /// <summary>22023 <c>N unit is outside the valid range for parameter "name" (min .. max)</c> for an integer.</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    /// <param name="value">The value in the base unit.</param>
    /// <param name="unit">The base unit.</param>
    /// <param name="min">The minimum.</param>
    /// <param name="max">The maximum.</param>
    public static PgError OutOfRange(string name, long value, SettingUnit unit, int min, int max)
    {
        var unitName = UnitConversion.Name(unit);
        var shown = value.ToString(CultureInfo.InvariantCulture) + (unitName is null ? string.Empty : " " + unitName);
        return new PgError(
            PgSeverity.Error,
            "22023",
            $"{shown} is outside the valid range for parameter \"{name}\" ({Invariant(min)} .. {Invariant(max)})");
    }

    /// <summary>22023 <c>N unit is outside the valid range for parameter "name" (min .. max)</c> for a real (printed with %g).</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    /// <param name="value">The value in the base unit.</param>
    /// <param name="unit">The base unit.</param>
    /// <param name="min">The minimum.</param>
    /// <param name="max">The maximum.</param>
    public static PgError OutOfRange(string name, double value, SettingUnit unit, double min, double max)
    {
        var unitName = UnitConversion.Name(unit);
        var shown = CNumbers.FormatG(value) + (unitName is null ? string.Empty : " " + unitName);
        return new PgError(
            PgSeverity.Error,
            "22023",
            $"{shown} is outside the valid range for parameter \"{name}\" ({CNumbers.FormatG(min)} .. {CNumbers.FormatG(max)})");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>42704 <c>unrecognized configuration parameter "name"</c>.</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError Unrecognized(string name) =>
        new(PgSeverity.Error, "42704", $"unrecognized configuration parameter \"{name}\"");

    /// <summary>42602 <c>invalid configuration parameter name "name"</c> (a malformed custom name).</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError InvalidName(string name) =>
        new(PgSeverity.Error, "42602", $"invalid configuration parameter name \"{name}\"",
            "Custom parameter names must be two or more simple identifiers separated by dots.");

    /// <summary>55P02 <c>parameter "name" cannot be changed</c> (an internal, read-only setting).</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError CannotBeChanged(string name) =>
        new(PgSeverity.Error, "55P02", $"parameter \"{name}\" cannot be changed");

    /// <summary>55P02 <c>parameter "name" cannot be changed without restarting the server</c>.</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError RequiresRestart(string name) =>
        new(PgSeverity.Error, "55P02", $"parameter \"{name}\" cannot be changed without restarting the server");

    /// <summary>55P02 <c>parameter "name" cannot be changed now</c> (a sighup setting, outside the configuration file).</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError CannotBeChangedNow(string name) =>
        new(PgSeverity.Error, "55P02", $"parameter \"{name}\" cannot be changed now");

    /// <summary>55P02 <c>parameter "name" cannot be set after connection start</c> (a backend setting).</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError CannotBeSetAfterConnectionStart(string name) =>
        new(PgSeverity.Error, "55P02", $"parameter \"{name}\" cannot be set after connection start");

    /// <summary>42501 <c>permission denied to set parameter "name"</c>.</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError PermissionDenied(string name) =>
        new(PgSeverity.Error, "42501", $"permission denied to set parameter \"{name}\"");

    /// <summary>42501 <c>must be superuser or have privileges of pg_read_all_settings to examine "name"</c>.</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError CannotExamine(string name) =>
        new(PgSeverity.Error, "42501", $"must be superuser or have privileges of pg_read_all_settings to examine \"{name}\"");

    /// <summary>22023 <c>SET name takes only one argument</c>.</summary>
    /// <param name="name">The parameter name as the user wrote it.</param>
    public static PgError TakesOnlyOneArgument(string name) =>
        new(PgSeverity.Error, "22023", $"SET {name} takes only one argument");

    /// <summary>WARNING 25P01 <c>SET LOCAL can only be used in transaction blocks</c> (or RESET TRANSACTION …).</summary>
    /// <param name="command">The command: <c>SET LOCAL</c> or <c>RESET TRANSACTION</c>.</param>
    public static PgError NoTransactionBlock(string command) =>
        new(PgSeverity.Warning, "25P01", $"{command} can only be used in transaction blocks");

    /// <summary>NOTICE 42622 <c>identifier "…" will be truncated to "…"</c>.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="truncated">What it becomes.</param>
    public static PgError IdentifierTruncated(string identifier, string truncated) =>
        new(PgSeverity.Notice, "42622", $"identifier \"{identifier}\" will be truncated to \"{truncated}\"");
}
