using ActorPostmaster.Settings;
using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>String settings with PostgreSQL's checks: TimeZone, client_encoding, application_name, search_path.</summary>
public sealed class StringSettingSpecs
{
    [Theory]
    [InlineData("europe/paris", "Europe/Paris")]
    [InlineData("EUROPE/PARIS", "Europe/Paris")]
    [InlineData("utc", "UTC")]
    [InlineData("Etc/UTC", "Etc/UTC")]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData("etc/gmt-14", "Etc/GMT-14")]
    [InlineData("GMT", "GMT")]
    [InlineData("CET", "CET")]
    [InlineData("EST5EDT", "EST5EDT")]
    [InlineData("est5edt", "EST5EDT")]
    [InlineData("posix/Europe/Paris", "posix/Europe/Paris")]
    [InlineData("+2", "<+02>-02")]
    [InlineData("2", "<+02>-02")]
    [InlineData("-7.5", "<-07:30>+07:30")]
    [InlineData("+2.5", "<+02:30>-02:30")]
    [InlineData("5.25", "<+05:15>-05:15")]
    [InlineData("14.99", "<+14:59:24>-14:59:24")]
    [InlineData("15", "<+15>-15")]
    [InlineData("-15", "<-15>+15")]
    [InlineData("100", "<+100>-100")]
    [InlineData("1e1", "<+10>-10")]
    [InlineData("UTC+3", "UTC+3")]
    [InlineData("utc+3", "UTC+3")]
    [InlineData("XYZ-5:30", "XYZ-5:30")]
    [InlineData("ab3", "AB3")]
    [InlineData("A+3", "A+3")]
    [InlineData("ABC+167", "ABC+167")]
    [InlineData("<AB>3", "<AB>3")]
    [InlineData("<+03>-3", "<+03>-3")]
    [InlineData("ABC3DEF", "ABC3DEF")]
    [InlineData("ABC3DEF4,J60,J300", "ABC3DEF4,J60,J300")]
    [InlineData("ABC3DEF,M3.2.0,M11.1.0", "ABC3DEF,M3.2.0,M11.1.0")]
    [InlineData("ABC3DEF,M3.2.0/2,M11.1.0/2:30", "ABC3DEF,M3.2.0/2,M11.1.0/2:30")]
    [InlineData("ABC3DEF,300,60", "ABC3DEF,300,60")]
    public void TimeZone_should_show_PostgreSQLs_canonical_form_when_set(string value, string shown)
    {
        var session = Session();

        session.Set("TimeZone", value);

        Assert.Equal(shown, session.ShowValue("TimeZone"));
    }

    [Theory]
    [InlineData("bogus", null)]
    [InlineData("Z", null)]
    [InlineData("", null)]
    [InlineData("AB", null)]
    [InlineData("ABC", null)]
    [InlineData("ABC+168", null)]
    [InlineData("ABC3:60", null)]
    [InlineData("<+0330>-0330", null)]
    [InlineData("ABC3DEF,bogus", null)]
    [InlineData("ABC3DEF,M13.1.0,M11.1.0", null)]
    [InlineData("Europe/Nowhere", null)]
    [InlineData("Europe", null)]
    [InlineData("zone.tab", null)]
    [InlineData("Europe/Paris ", null)]
    [InlineData("Europe//Paris", null)]
    [InlineData("../UTC", null)]
    [InlineData("168", "UTC timezone offset is out of range.")]
    [InlineData("-168", "UTC timezone offset is out of range.")]
    public void TimeZone_should_raise_invalid_value_when_the_zone_is_unknown(string value, string? detail)
    {
        var error = Error(() => Session().Set("TimeZone", value));

        Assert.Equal("22023", error.SqlState);
        Assert.Equal($"invalid value for parameter \"TimeZone\": \"{value}\"", error.Message);
        Assert.Equal(detail, error.Detail);
    }

    [Fact]
    public void TimeZone_should_refuse_leap_second_zones_with_PostgreSQLs_message()
    {
        var error = Error(() => Session().Set("TimeZone", "right/UTC"));

        Assert.Equal("22023", error.SqlState);
        Assert.Equal("time zone \"right/UTC\" appears to use leap seconds", error.Message);
        Assert.Equal("PostgreSQL does not support leap seconds.", error.Detail);
    }

    [Theory]
    [InlineData("utf8", "UTF8")]
    [InlineData("latin1", "LATIN1")]
    [InlineData("UNICODE", "UNICODE")]
    [InlineData("utf-8", "UTF8")]
    [InlineData("win1252", "WIN1252")]
    [InlineData("SJIS", "SJIS")]
    [InlineData("SQL_ASCII", "SQL_ASCII")]
    [InlineData("euc_jp", "EUC_JP")]
    [InlineData("LATIN2", "LATIN2")]
    public void Client_encoding_should_show_the_canonical_encoding_name_when_set(string value, string shown)
    {
        var session = Session();

        session.Set("client_encoding", value);

        Assert.Equal(shown, session.ShowValue("client_encoding"));
    }

    [Fact]
    public void Client_encoding_should_refuse_unknown_and_unconvertible_encodings()
    {
        var bogus = Error(() => Session().Set("client_encoding", "bogus"));
        Assert.Equal("22023", bogus.SqlState);
        Assert.Equal("invalid value for parameter \"client_encoding\": \"bogus\"", bogus.Message);

        // PG: ERROR:  0A000: invalid value for parameter "client_encoding": "MULE_INTERNAL"
        //     DETAIL:  Conversion between MULE_INTERNAL and UTF8 is not supported.
        var mule = Error(() => Session().Set("client_encoding", "MULE_INTERNAL"));
        Assert.Equal("0A000", mule.SqlState);
        Assert.Equal("invalid value for parameter \"client_encoding\": \"MULE_INTERNAL\"", mule.Message);
        Assert.Equal("Conversion between MULE_INTERNAL and UTF8 is not supported.", mule.Detail);
    }

    [Fact]
    public void Application_name_should_be_truncated_to_63_bytes_with_a_notice()
    {
        var session = Session();
        const string Long = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";

        session.Set("application_name", Long);

        Assert.Equal(Long[..63], session.ShowValue("application_name"));
        var notice = Assert.Single(session.TakeNotices());
        Assert.Equal(PgSeverity.Notice, notice.Severity);
        Assert.Equal("42622", notice.SqlState);
        Assert.Equal($"identifier \"{Long}\" will be truncated to \"{Long[..63]}\"", notice.Message);
    }

    [Theory]
    [InlineData("héllo", "h??llo")]
    [InlineData("a\tb", "a?b")]
    [InlineData("plain", "plain")]
    public void Application_name_should_replace_non_printable_ascii_bytes_with_question_marks(string value, string shown)
    {
        var session = Session();

        session.Set("application_name", value);

        Assert.Equal(shown, session.ShowValue("application_name"));
    }

    [Fact]
    public void Application_name_should_truncate_multibyte_text_on_a_character_boundary_before_cleaning()
    {
        // SELECT length(set_config('application_name', repeat('é', 40), false)) → 62
        var session = Session();

        var value = session.SetConfig("application_name", new string('é', 40), false);

        Assert.Equal(new string('?', 62), value);
    }

    [Theory]
    [InlineData("\"$user\", public")]
    [InlineData("a, \"B\", public, \"c d\", \"select\", \"e$f\", \"g\"\"h\", \"ÄÖ\"")]
    public void Search_path_should_keep_the_value_when_given_as_one_string(string value)
    {
        var session = Session();

        session.Set("search_path", value);

        Assert.Equal(value, session.ShowValue("search_path"));
    }

    [Fact]
    public void Search_path_should_quote_identifiers_that_need_it_when_given_as_a_list()
    {
        // SET search_path = a, "B", public, "c d", "select", e$f, "g""h", ÄÖ
        var session = Session();

        session.Set("search_path",
        [
            SetArgument.FromString("a"), SetArgument.FromString("B"), SetArgument.FromString("public"), SetArgument.FromString("c d"),
            SetArgument.FromString("select"), SetArgument.FromString("e$f"), SetArgument.FromString("g\"h"), SetArgument.FromString("ÄÖ"),
        ]);

        Assert.Equal("a, \"B\", public, \"c d\", \"select\", \"e$f\", \"g\"\"h\", \"ÄÖ\"", session.ShowValue("search_path"));
    }

    [Theory]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("", "\"\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("a,,b", "\"a,,b\"")]
    public void Search_path_should_quote_a_single_string_constant_as_one_identifier(string literal, string shown)
    {
        // SET search_path = 'a, b' → "a, b"; SET search_path = '' → ""
        var session = Session();

        session.Set("search_path", [SetArgument.FromString(literal)]);

        Assert.Equal(shown, session.ShowValue("search_path"));
    }

    [Fact]
    public void Search_path_should_refuse_a_value_whose_list_syntax_is_invalid()
    {
        var error = Error(() => Session().Set("search_path", "a,,b"));

        Assert.Equal("List syntax is invalid.", error.Detail);
    }

    [Theory]
    [InlineData("foo.num", "1.50", "1.50")]
    [InlineData("extra_float_digits", "-2", "-2")]
    public void Numbers_should_be_passed_as_written(string name, string number, string shown)
    {
        var session = Session();

        session.Set(name, [SetArgument.FromNumber(number)]);

        Assert.Equal(shown, session.ShowValue(name));
    }

    [Fact]
    public void Lc_messages_and_timezone_abbreviations_should_accept_only_what_the_server_has()
    {
        var session = Session();
        session.Set("lc_messages", "C");
        session.Set("timezone_abbreviations", "Australia");

        Assert.Equal("C", session.ShowValue("lc_messages"));
        Assert.Equal("invalid value for parameter \"lc_messages\": \"bogus\"", Error(() => session.Set("lc_messages", "bogus")).Message);
        Assert.Equal("invalid value for parameter \"timezone_abbreviations\": \"bogus\"", Error(() => session.Set("timezone_abbreviations", "bogus")).Message);
    }

    [Fact]
    public void Show_should_name_the_column_with_PostgreSQLs_spelling()
    {
        var session = Session();

        Assert.Equal("DateStyle", session.Show("datestyle").ColumnName);
        Assert.Equal("work_mem", session.Show("WORK_MEM").ColumnName);
        Assert.Equal("TimeZone", session.Show("timezone").ColumnName);
    }

    [Fact]
    public void Identifier_quoting_should_follow_quote_identifier()
    {
        Assert.Equal("abc_1", Identifiers.Quote("abc_1"));
        Assert.Equal("\"Abc\"", Identifiers.Quote("Abc"));
        Assert.Equal("\"1a\"", Identifiers.Quote("1a"));
        Assert.Equal("\"user\"", Identifiers.Quote("user"));
        Assert.Equal("\"table\"", Identifiers.Quote("table"));
        Assert.Equal("public", Identifiers.Quote("public"));
        Assert.Equal("\"\"", Identifiers.Quote(string.Empty));
    }
}
