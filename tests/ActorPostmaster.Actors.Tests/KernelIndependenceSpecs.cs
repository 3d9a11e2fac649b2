using System.Reflection;
using ActorPostmaster.Actors;
using Xunit;

namespace ActorPostmaster.Actors.Tests;

public sealed class KernelIndependenceSpecs
{
    private static readonly Assembly Kernel = typeof(ActorSystem).Assembly;

    [Fact]
    public void The_kernel_should_reference_only_the_framework_and_the_HOCON_reader()
    {
        var references = Kernel.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var foreign = references.Where(name =>
            !name.StartsWith("System", StringComparison.Ordinal)
            && !name.StartsWith("Microsoft.", StringComparison.Ordinal)
            && name != "netstandard"
            && name != "ActorPostmaster.Hocon").ToList();

        Assert.Empty(foreign);
        Assert.DoesNotContain(references, name => name is "ActorPostmaster" or "ActorPostmaster.Server" or "ActorPostmaster.TestKit");
    }

    [Fact]
    public void The_kernel_should_know_nothing_of_PostgreSQL()
    {
        string[] domainWords = ["Postgres", "Postmaster", "PmState", "Backend", "Wal", "Sql", "Checkpoint"];

        var offenders = Kernel.GetTypes()
            .Select(t => t.FullName!["ActorPostmaster.".Length..])
            .Where(name => domainWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_kernel_should_expose_its_public_api_in_the_ActorPostmaster_Actors_namespaces_only()
    {
        var namespaces = Kernel.GetExportedTypes().Select(t => t.Namespace).Distinct().Order().ToList();

        Assert.Equal(["ActorPostmaster.Actors", "ActorPostmaster.Actors.Event"], namespaces);
    }
}
