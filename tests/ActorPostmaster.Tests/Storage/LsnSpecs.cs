using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class LsnSpecs
{
    [Theory]
    [InlineData(0x15405A8UL, "0/15405A8")]
    [InlineData(0x1_0000_0028UL, "1/28")]
    [InlineData(0UL, "0/0")]
    [InlineData(ulong.MaxValue, "FFFFFFFF/FFFFFFFF")]
    public void An_lsn_should_print_and_parse_as_postgresql_does(ulong value, string text)
    {
        Assert.Equal(text, new Lsn(value).ToString());
        Assert.Equal(new Lsn(value), Lsn.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("0/")]
    [InlineData("/1")]
    [InlineData("123456789/0")]
    [InlineData("0/G")]
    [InlineData("0-1")]
    public void Text_that_is_not_an_lsn_should_not_parse(string text)
    {
        Assert.False(Lsn.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Lsn.Parse(text));
    }

    [Fact]
    public void Lsns_should_order_and_add_as_positions()
    {
        var a = new Lsn(0x28);

        Assert.Equal(new Lsn(0x40), a + 0x18);
        Assert.Equal(0x18, (a + 0x18) - a);
        Assert.True(a < a + 1);
        Assert.True(a + 1 > a);
        Assert.Equal(-1, a.CompareTo(a + 8));
        Assert.False(Lsn.Invalid.IsValid);
        Assert.True(a.IsValid);
    }
}
