using System.Text.RegularExpressions;
using ActorPostmaster.Interop.Harness;

namespace ActorPostmaster.Interop.Tests;

/// <summary>pgbench with a custom <c>SELECT 1;</c> script completes every transaction in each query mode and with -C.</summary>
public sealed partial class PgbenchSpecs(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _script = WriteScript();

    [Theory]
    [PostgresTarget("simple"), PostgresTarget("extended"), PostgresTarget("prepared")]
    [ActorPgTarget("simple"), ActorPgTarget("extended"), ActorPgTarget("prepared")]
    public async Task Pgbench_should_process_every_SELECT_1_with_no_failure(string target, string queryMode)
    {
        var server = await fixture.ServerAsync(target);

        var result = await ClientTools.For(server).PgbenchAsync(
            ["-n", "-f", _script, "-M", queryMode, "-t", "200", "-c", "2"], timeout: TimeSpan.FromSeconds(120));
        output.WriteLine(result.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"query mode: {queryMode}\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("number of transactions actually processed: 400/400\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("number of failed transactions: 0 (0.000%)\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(TpsLine(), result.StandardOutput);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Pgbench_with_a_new_connection_per_transaction_should_process_every_SELECT_1(string target)
    {
        var server = await fixture.ServerAsync(target);

        var result = await ClientTools.For(server).PgbenchAsync(
            ["-n", "-C", "-f", _script, "-t", "200", "-c", "2"], timeout: TimeSpan.FromSeconds(120));
        output.WriteLine(result.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("number of transactions actually processed: 400/400\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("number of failed transactions: 0 (0.000%)\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(ConnectionTimeLine(), result.StandardOutput);
    }

    public void Dispose() => File.Delete(_script);

    private static string WriteScript()
    {
        var path = Path.Combine(Path.GetTempPath(), $"select1-{Guid.NewGuid():N}.sql");
        File.WriteAllText(path, "SELECT 1;\n");
        return path;
    }

    [GeneratedRegex(@"(?m)^tps = \d+\.\d+ \(without initial connection time\)$")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"(?m)^average connection time = \d+\.\d+ ms$")]
    private static partial Regex ConnectionTimeLine();
}
