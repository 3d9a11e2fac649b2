using Xunit;

namespace ActorPostmaster.Tests;

public sealed class PgErrorSpecs
{
    [Fact]
    public void Severity_text_should_be_what_the_S_field_carries()
    {
        var error = new PgError(PgSeverity.Fatal, "57P01", "terminating connection due to administrator command");

        Assert.Equal("FATAL", error.SeverityText);
        Assert.Equal("FATAL:  57P01: terminating connection due to administrator command", error.ToString());
    }

    [Fact]
    public void A_PgException_should_carry_its_error()
    {
        var exception = new PgException("42601", "syntax error at or near \"SELEC\"", position: 1);

        Assert.Equal(PgSeverity.Error, exception.Error.Severity);
        Assert.Equal(1, exception.Error.Position);
        Assert.Equal("syntax error at or near \"SELEC\"", exception.Message);
    }
}
