using System.Text;
using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class Crc32CSpecs
{
    [Fact]
    public void The_check_value_of_123456789_should_be_E3069283()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    [Fact]
    public void The_empty_input_should_have_checksum_zero()
    {
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Known_vectors_from_RFC_3720_should_match()
    {
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(40)]
    public void Appending_should_equal_computing_over_the_concatenation(int split)
    {
        var data = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog, twice over.");

        Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
    }
}
