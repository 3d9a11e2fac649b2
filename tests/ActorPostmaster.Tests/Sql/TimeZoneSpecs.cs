using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>
/// timestamptz input, output and arithmetic under the session TimeZone, including daylight-saving gaps and overlaps.
/// Expected values are PostgreSQL 15's after <c>SET timezone = …</c>.
/// </summary>
public sealed class TimeZoneSpecs
{
    [Theory]
    [InlineData("America/New_York", "select '2024-03-09 12:00:00-05'::timestamptz + interval '1 day'", "2024-03-10 12:00:00-04")]
    [InlineData("America/New_York", "select '2024-03-09 12:00:00-05'::timestamptz + interval '24 hours'", "2024-03-10 13:00:00-04")]
    [InlineData("America/New_York", "select '2024-03-10 12:00:00'::timestamptz - '2024-03-09 12:00:00'::timestamptz", "23:00:00")]
    [InlineData("America/New_York", "select '2024-01-31 12:00:00'::timestamptz + interval '1 mon'", "2024-02-29 12:00:00-05")]
    [InlineData("America/New_York", "select '2024-11-03 01:30:00'::timestamptz", "2024-11-03 01:30:00-05")]
    [InlineData("America/New_York", "select '2024-03-10 02:30:00'::timestamptz", "2024-03-10 03:30:00-04")]
    [InlineData("Europe/Paris", "select '2024-07-01 12:00:00.5+00'::timestamptz", "2024-07-01 14:00:00.5+02")]
    [InlineData("Europe/Paris", "select '2024-01-01'::timestamptz", "2024-01-01 00:00:00+01")]
    [InlineData("Europe/Paris", "select '2024-01-01 10:00:00.1234567+05:30'::timestamptz", "2024-01-01 05:30:00.123457+01")]
    [InlineData("Asia/Kolkata", "select '2024-07-01 12:00:00+00'::timestamptz::text", "2024-07-01 17:30:00+05:30")]
    [InlineData("America/St_Johns", "select '2024-12-01 12:00:00+00'::timestamptz", "2024-12-01 08:30:00-03:30")]
    [InlineData("Australia/Lord_Howe", "select '2024-07-01 12:00:00+00'::timestamptz", "2024-07-01 22:30:00+10:30")]
    [InlineData("Australia/Lord_Howe", "select '2024-12-01 12:00:00+00'::timestamptz", "2024-12-01 23:00:00+11")]
    public async Task Timestamptz_should_follow_the_session_time_zone(string zone, string sql, string text)
    {
        var environment = new SqlTestEnvironment { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) };

        Assert.Equal(text, await SqlRunner.ScalarTextAsync(sql, environment));
    }
}
