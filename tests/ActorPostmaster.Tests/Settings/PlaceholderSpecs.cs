using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>Custom placeholder variables (prefix.name), as PostgreSQL 15.18 handles them.</summary>
public sealed class PlaceholderSpecs
{
    [Fact]
    public void A_custom_variable_should_exist_once_set_and_stay_after_reset()
    {
        // SET foo.bar = 'x'; RESET foo.bar; SHOW foo.bar → (empty)
        var session = Session();
        session.Set("foo.bar", "x");
        Assert.Equal("x", session.ShowValue("foo.bar"));

        session.Reset("foo.bar");

        Assert.Equal(string.Empty, session.ShowValue("foo.bar"));
    }

    [Fact]
    public void A_custom_variable_created_in_a_rolled_back_transaction_should_remain_empty()
    {
        // BEGIN; SET my.var = 'a'; ROLLBACK; SHOW my.var → (empty); current_setting('my.var', true) = ''
        var session = Session();
        session.BeginTransaction();
        session.Set("my.var", "a");
        session.AbortTransaction();

        Assert.Equal(string.Empty, session.ShowValue("my.var"));
        Assert.Equal(string.Empty, session.CurrentSetting("my.var", missingOk: true));
    }

    [Fact]
    public void An_unset_custom_variable_should_be_unrecognized()
    {
        var session = Session();

        Assert.Null(session.CurrentSetting("other.var", missingOk: true));
        Assert.Equal("unrecognized configuration parameter \"other.var\"", Error(() => session.ShowValue("other.var")).Message);
    }

    [Fact]
    public void A_custom_variable_should_keep_the_spelling_of_its_creation_and_be_found_case_insensitively()
    {
        // SET "A.B" = 1; SHOW a.b → column A.B, value 1
        var session = Session();
        session.Set("A.B", "1");

        var shown = session.Show("a.b");

        Assert.Equal("A.B", shown.ColumnName);
        Assert.Equal("1", shown.Value);
    }

    [Fact]
    public void Custom_variables_should_allow_several_parts_and_dollar_signs()
    {
        var session = Session();
        session.Set("a.b.c", "1");
        session.Set("a.b$", "2");
        session.SetToDefault("foo.baz");

        Assert.Equal("1", session.ShowValue("a.b.c"));
        Assert.Equal("2", session.ShowValue("a.b$"));
        Assert.Equal(string.Empty, session.ShowValue("foo.baz"));
    }

    [Fact]
    public void A_custom_variable_should_take_one_value_only()
    {
        var session = Session();

        var error = Error(() => session.Set("foo.bar", [ActorPostmaster.Settings.SetArgument.FromNumber("1"), ActorPostmaster.Settings.SetArgument.FromNumber("2")]));

        Assert.Equal("SET foo.bar takes only one argument", error.Message);
    }

    [Fact]
    public void Custom_variables_should_not_appear_in_show_all()
    {
        var session = Session();
        session.Set("foo.bar", "1");

        Assert.DoesNotContain(session.ShowAll(), row => row.Name == "foo.bar");
    }

    [Fact]
    public void A_custom_variable_from_the_configuration_file_should_be_visible_to_sessions()
    {
        var server = StartedServer(ActorPostmaster.Settings.ConfigFile.Parse("postgresql { myapp { flag = on } }", "postmaster.conf"));
        var session = Session(server: server);

        Assert.Equal("on", session.ShowValue("myapp.flag"));
        session.Set("myapp.flag", "off");
        session.Reset("myapp.flag");
        Assert.Equal("on", session.ShowValue("myapp.flag"));
    }
}
