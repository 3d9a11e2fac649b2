using ActorPostmaster.Settings;
using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>DateStyle's normalisation, each row run in order in one PostgreSQL 15.18 session or from ISO, MDY.</summary>
public sealed class DateStyleSpecs
{
    [Theory]
    [InlineData("German", "German, DMY")]
    [InlineData("ISO", "ISO, MDY")]
    [InlineData("SQL", "SQL, MDY")]
    [InlineData("Postgres", "Postgres, MDY")]
    [InlineData("ISO, DMY", "ISO, DMY")]
    [InlineData("sql, dmy", "SQL, DMY")]
    [InlineData("iso,ymd", "ISO, YMD")]
    [InlineData(" ISO ,  YMD ", "ISO, YMD")]
    [InlineData("DMY", "ISO, DMY")]
    [InlineData("euro", "ISO, DMY")]
    [InlineData("european", "ISO, DMY")]
    [InlineData("europa", "ISO, DMY")]
    [InlineData("us", "ISO, MDY")]
    [InlineData("noneuropean", "ISO, MDY")]
    [InlineData("noneurox", "ISO, MDY")]
    [InlineData("postgresql", "Postgres, MDY")]
    [InlineData("DMY, DMY", "ISO, DMY")]
    [InlineData("Postgres, Postgres", "Postgres, MDY")]
    [InlineData("German, YMD", "German, YMD")]
    [InlineData("YMD, German", "German, YMD")]
    [InlineData("german,dmy", "German, DMY")]
    [InlineData("SQL,US", "SQL, MDY")]
    [InlineData("\"ISO\",\"dmy\"", "ISO, DMY")]
    [InlineData("DEFAULT", "ISO, MDY")]
    [InlineData("ISO, DEFAULT", "ISO, MDY")]
    [InlineData("German, DEFAULT", "German, MDY")]
    [InlineData("", "ISO, MDY")]
    public void DateStyle_should_normalise_both_parts_when_set_from_the_default(string value, string shown)
    {
        var session = Session();

        session.Set("DateStyle", value);

        Assert.Equal(shown, session.ShowValue("DateStyle"));
    }

    [Fact]
    public void DateStyle_should_keep_the_part_not_named_from_the_current_value()
    {
        // SET DateStyle = 'German' → German, DMY; 'SQL' → SQL, DMY; 'Postgres' → Postgres, DMY; 'ISO' → ISO, DMY; 'ymd' → ISO, YMD
        var session = Session();
        (string Value, string Shown)[] steps =
        [
            ("German", "German, DMY"), ("SQL", "SQL, DMY"), ("Postgres", "Postgres, DMY"), ("ISO", "ISO, DMY"), ("ymd", "ISO, YMD"),
            ("us", "ISO, MDY"), ("DEFAULT", "ISO, MDY"),
        ];
        foreach (var (value, shown) in steps)
        {
            session.Set("DateStyle", value);
            Assert.Equal(shown, session.ShowValue("DateStyle"));
        }
    }

    [Theory]
    [InlineData("Postgres, ISO", "Conflicting \"datestyle\" specifications.")]
    [InlineData("ISO, German", "Conflicting \"datestyle\" specifications.")]
    [InlineData("German, ISO", "Conflicting \"datestyle\" specifications.")]
    [InlineData("DMY, MDY", "Conflicting \"datestyle\" specifications.")]
    [InlineData("DMY, YMD", "Conflicting \"datestyle\" specifications.")]
    [InlineData("bogus", "Unrecognized key word: \"bogus\".")]
    [InlineData("isox", "Unrecognized key word: \"isox\".")]
    [InlineData("mdyx", "Unrecognized key word: \"mdyx\".")]
    [InlineData("\"\"", "Unrecognized key word: \"\".")]
    [InlineData("ISO,,DMY", "List syntax is invalid.")]
    [InlineData("ISO DMY", "List syntax is invalid.")]
    [InlineData("iso,", "List syntax is invalid.")]
    [InlineData(",iso", "List syntax is invalid.")]
    public void DateStyle_should_raise_invalid_value_with_PostgreSQLs_detail_when_the_value_is_wrong(string value, string detail)
    {
        var session = Session();

        var error = Error(() => session.Set("DateStyle", value));

        Assert.Equal("22023", error.SqlState);
        Assert.Equal($"invalid value for parameter \"DateStyle\": \"{value}\"", error.Message);
        Assert.Equal(detail, error.Detail);
        Assert.Equal("ISO, MDY", session.ShowValue("DateStyle"));
    }

    [Fact]
    public void DateStyle_should_accept_a_list_of_set_arguments()
    {
        // SET DateStyle = ISO, DMY → ISO, DMY; SET DateStyle TO sql, ymd → SQL, YMD
        var session = Session();

        session.Set("DateStyle", [SetArgument.FromString("iso"), SetArgument.FromString("dmy")]);
        Assert.Equal("ISO, DMY", session.ShowValue("DateStyle"));

        session.Set("datestyle", [SetArgument.FromString("sql"), SetArgument.FromString("ymd")]);
        Assert.Equal("SQL, YMD", session.ShowValue("DateStyle"));
    }

    [Fact]
    public void DateStyle_default_should_mean_the_sessions_reset_value()
    {
        var session = Session();
        session.ApplyStartupOption("DateStyle", "SQL, DMY");
        session.Set("DateStyle", "German, YMD");

        session.Set("DateStyle", "DEFAULT");

        Assert.Equal("SQL, DMY", session.ShowValue("DateStyle"));
    }
}
