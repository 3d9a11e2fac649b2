using System.Text;
using Microsoft.Extensions.Configuration;

namespace ActorPostmaster.Hocon.Tests;

/// <summary>The Microsoft.Extensions.Configuration integration, checked against the built-in JSON provider.</summary>
public sealed class ConfigurationProviderSpecs : IDisposable
{
    private const string EdgeCaseJson = """
        {
          "str": "text", "emptyStr": "", "int": 42, "neg": -1.50, "exp": 1e5,
          "t": true, "f": false, "n": null,
          "emptyObj": {}, "emptyArr": [], "nested": { "deeper": { "x": 1 }, "e": {} },
          "list": [1, "two", { "three": 3, "arr": [[], [null]] }, null, []],
          "Mixed": { "Case": 1 }
        }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Equiv01Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ConformanceData.PathOf("equiv01")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    private static Dictionary<string, string?> Flatten(IConfigurationProvider provider, IConfiguration root)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, _) in root.AsEnumerable())
        {
            if (provider.TryGet(key, out var value))
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static Dictionary<string, string?> FromJson(string json)
    {
        var root = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return Flatten(root.Providers.Single(), root);
    }

    private static Dictionary<string, string?> FromHocon(string hocon)
    {
        var root = new ConfigurationBuilder().AddHoconString(hocon).Build();
        return Flatten(root.Providers.Single(), root);
    }

    private static void AssertSameData(Dictionary<string, string?> expected, Dictionary<string, string?> actual)
    {
        static string Render(Dictionary<string, string?> data) =>
            string.Join('\n', data.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} = {(kv.Value is null ? "<null>" : $"'{kv.Value}'")}"));

        Assert.Equal(Render(expected), Render(actual));
    }

    [Fact]
    public void Edge_cases_should_flatten_exactly_like_the_json_provider()
    {
        var expected = FromJson(EdgeCaseJson);

        AssertSameData(expected, FromHocon(EdgeCaseJson));
        Assert.Equal("True", expected["t"]);
        Assert.Null(expected["n"]);
        Assert.Equal(string.Empty, expected["emptyArr"]);
    }

    [Fact]
    public void Hocon_syntax_should_flatten_like_the_equivalent_json()
    {
        const string hocon = """
            str = text, emptyStr = "", int = 42, neg = -1.50, exp = 1e5
            t = true, f = false, n = null
            emptyObj {}
            emptyArr = []
            nested.deeper.x = 1
            nested.e {}
            list = [1, two, { three = 3, arr = [[], [null]] }, null, []]
            Mixed.Case = 1
            """;

        AssertSameData(FromJson(EdgeCaseJson), FromHocon(hocon));
    }

    [Theory]
    [MemberData(nameof(Equiv01Files))]
    public void Conformance_file_should_flatten_like_the_original_json(string file)
    {
        var json = File.ReadAllText(ConformanceData.PathOf("equiv01", "original.json"));
        var root = new ConfigurationBuilder().AddHoconFile(ConformanceData.PathOf("equiv01", file)).Build();

        AssertSameData(FromJson(json), Flatten(root.Providers.Single(), root));
    }

    [Fact]
    public void Stream_should_load_like_a_string()
    {
        var root = new ConfigurationBuilder().AddHoconStream(new MemoryStream(Encoding.UTF8.GetBytes("\uFEFFa.b = 1\nc = [x, y]"))).Build();

        Assert.Equal("1", root["a:b"]);
        Assert.Equal("y", root["c:1"]);
    }

    [Fact]
    public void Keys_should_be_case_insensitive_like_every_configuration_source()
    {
        var root = new ConfigurationBuilder().AddHoconString("Server { Port = 5432 }").Build();

        Assert.Equal("5432", root["server:port"]);
    }

    [Fact]
    public void Keys_differing_only_in_case_should_be_rejected_like_the_json_provider()
    {
        var error = Assert.Throws<FormatException>(() => new ConfigurationBuilder().AddHoconString("a = 1\nA = 2").Build());

        Assert.Equal("A duplicate key 'A' was found.", error.Message);
    }

    private sealed class ServerOptions
    {
        public string Name { get; set; } = string.Empty;

        public int Port { get; set; }

        public bool Enabled { get; set; }

        public double Ratio { get; set; }

        public List<string> Hosts { get; set; } = [];

        public Dictionary<string, int> Limits { get; set; } = [];

        public ServerOptions? Replica { get; set; }
    }

    [Fact]
    public void Binder_should_bind_options_from_hocon()
    {
        var root = new ConfigurationBuilder().AddHoconString("""
            defaults { port = 5432, enabled = true }
            server = ${defaults} {
              name = primary
              ratio = 0.75
              hosts = [ db1, db2 ]
              hosts += db3
              limits { connections = 100, "work_mem" = 4 }
              replica { name = standby, port = 5433 }
            }
            """).Build();

        var options = root.GetSection("server").Get<ServerOptions>()!;

        Assert.Equal(("primary", 5432, true, 0.75), (options.Name, options.Port, options.Enabled, options.Ratio));
        Assert.Equal(["db1", "db2", "db3"], options.Hosts);
        Assert.Equal(100, options.Limits["connections"]);
        Assert.Equal(4, options.Limits["work_mem"]);
        Assert.Equal(("standby", 5433), (options.Replica!.Name, options.Replica.Port));
    }

    [Fact]
    public void File_should_resolve_includes_relative_to_itself()
    {
        _dir.Write("conf/common.conf", "shared = yes");
        var path = _dir.Write("conf/app.conf", "include \"common.conf\"\nown = 1");

        var root = new ConfigurationBuilder().AddHoconFile(path).Build();

        Assert.Equal(("yes", "1"), (root["shared"], root["own"]));
    }

    [Fact]
    public void File_from_a_file_provider_should_resolve_includes_relative_to_its_physical_path()
    {
        _dir.Write("conf/common.conf", "shared = yes");
        _dir.Write("conf/app.conf", "include \"common.conf\"");
        using var provider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(_dir.Path);

        var root = new ConfigurationBuilder().AddHoconFile(provider, "conf/app.conf", optional: false, reloadOnChange: false).Build();

        Assert.Equal("yes", root["shared"]);
        Assert.IsType<HoconConfigurationProvider>(root.Providers.Single());
    }

    [Fact]
    public void Missing_optional_file_should_be_ignored()
    {
        var root = new ConfigurationBuilder().AddHoconFile(Path.Combine(_dir.Path, "nope.conf"), optional: true).Build();

        Assert.Empty(root.AsEnumerable());
    }

    [Fact]
    public void Missing_required_file_should_fail() =>
        Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddHoconFile(Path.Combine(_dir.Path, "nope.conf")).Build());

    [Fact]
    public void Invalid_file_should_fail_with_the_parse_error_inside()
    {
        var path = _dir.Write("bad.conf", "a {\n  b = 1\n");

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());

        var inner = Assert.IsType<HoconParseException>(error.InnerException);
        Assert.Equal($"{path}:3:1: expected '}}' but found end of input", inner.Message);
    }

    [Fact]
    public void Reload_should_pick_up_a_changed_file()
    {
        var path = _dir.Write("reload.conf", "v = 1");
        var root = new ConfigurationBuilder().AddHoconFile(path, optional: false, reloadOnChange: false).Build();
        File.WriteAllText(path, "v = 2");

        root.Reload();

        Assert.Equal("2", root["v"]);
    }

    [Fact]
    public void Later_sources_should_override_hocon_values()
    {
        var root = new ConfigurationBuilder()
            .AddHoconString("a = 1\nb = 2")
            .AddInMemoryCollection([new KeyValuePair<string, string?>("b", "3")])
            .Build();

        Assert.Equal(("1", "3"), (root["a"], root["b"]));
    }
}
