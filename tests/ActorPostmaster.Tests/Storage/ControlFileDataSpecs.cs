using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class ControlFileDataSpecs : IDisposable
{
    private static readonly ControlFileData Sample = new(
        7_312_345_678_901_234_567, DbState.InProduction, Lsn.Parse("0/15405A8"), Lsn.Parse("0/1540570"), 1, 742,
        new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1230), 16 * 1024 * 1024);

    private readonly TempDirectory _dir = new();
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_written_control_file_should_read_back_equal_and_be_8192_bytes()
    {
        Sample.Write(_files, _dir.Path);

        Assert.Equal(Sample, ControlFileData.Read(_files, _dir.Path));
        Assert.Equal(8192, new FileInfo(_dir.Combine("global", "pg_control")).Length);
        Assert.Equal(1, _files.Flushes);
        Assert.Equal(1, _files.DirectorySyncs);
    }

    [Fact]
    public void A_missing_control_file_should_fail_with_postgresqls_message()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ControlFileData.Read(_files, _dir.Path));

        Assert.Equal("could not open file \"global/pg_control\": No such file or directory", e.Message);
    }

    [Fact]
    public void A_flipped_bit_should_fail_the_checksum()
    {
        Sample.Write(_files, _dir.Path);
        FileDamage.FlipBits(_dir.Combine("global", "pg_control"), 30, 0x01);

        var e = Assert.Throws<InvalidDataException>(() => ControlFileData.Read(_files, _dir.Path));

        Assert.Equal("incorrect checksum in control file", e.Message);
    }

    [Fact]
    public void A_short_file_or_another_version_should_be_refused()
    {
        Sample.Write(_files, _dir.Path);
        var path = _dir.Combine("global", "pg_control");
        FileDamage.FlipBits(path, 8, 0x02);

        var version = Assert.Throws<IncompatibleControlFileException>(() => ControlFileData.Read(_files, _dir.Path));
        Assert.Equal("database files are incompatible with server", version.Message);
        Assert.Equal(
            "The database cluster was initialized with PG_CONTROL_VERSION 3, but the server was compiled with PG_CONTROL_VERSION 1.",
            version.Detail);
        Assert.Equal("It looks like you need to initdb.", version.Hint);

        File.WriteAllBytes(path, Sample.Encode()[..100]);
        var shortFile = Assert.Throws<InvalidDataException>(() => ControlFileData.Read(_files, _dir.Path));
        Assert.Equal("could not read file \"global/pg_control\": read 100 of 8192", shortFile.Message);
    }

    [Theory]
    [InlineData(3 * 1024 * 1024, "3145728 bytes")]
    [InlineData(1, "1 byte")]
    public void An_invalid_segment_size_should_be_refused_with_read_control_files_message(int size, string specifies)
    {
        var bytes = (Sample with { WalSegmentSize = size }).Encode();

        var e = Assert.Throws<InvalidDataException>(() => ControlFileData.Decode(bytes));

        Assert.Equal($"WAL segment size must be a power of two between 1 MB and 1 GB, but the control file specifies {specifies}", e.Message);
    }

    [Fact]
    public void Rewriting_should_replace_the_previous_contents()
    {
        Sample.Write(_files, _dir.Path);
        var shutDown = Sample with { State = DbState.ShutDown, Checkpoint = Lsn.Parse("0/2000028") };

        shutDown.Write(_files, _dir.Path);

        Assert.Equal(shutDown, ControlFileData.Read(_files, _dir.Path));
    }

    [Theory]
    [InlineData((uint)DbState.StartingUp, "starting up")]
    [InlineData((uint)DbState.ShutDown, "shut down")]
    [InlineData((uint)DbState.ShutDownInRecovery, "shut down in recovery")]
    [InlineData((uint)DbState.ShuttingDown, "shutting down")]
    [InlineData((uint)DbState.InCrashRecovery, "in crash recovery")]
    [InlineData((uint)DbState.InArchiveRecovery, "in archive recovery")]
    [InlineData((uint)DbState.InProduction, "in production")]
    [InlineData(42u, "unrecognized status code")]
    public void States_should_have_pg_controldatas_names(uint state, string name)
    {
        Assert.Equal(name, ((DbState)state).ToControlDataName());
    }
}
