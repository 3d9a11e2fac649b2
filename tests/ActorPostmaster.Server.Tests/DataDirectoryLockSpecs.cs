using System.Globalization;
using ActorPostmaster.Hosting;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>postmaster.pid: its lines (pidfile.h) and the rules of CreateLockFile for a second server.</summary>
public sealed class DataDirectoryLockSpecs : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string PidFile => _dir.Combine(PostmasterPidFile.FileName);

    private DataDirectoryLock Create(int pid = 4242, Func<int, bool>? alive = null, int[]? own = null) =>
        DataDirectoryLock.Create(_dir.Path, pid, Start, 5433, alive ?? (_ => false), own ?? [pid]);

    [Fact]
    public void A_new_lock_file_should_hold_the_five_lines_CreateLockFile_writes()
    {
        Create();

        Assert.Equal($"4242\n{_dir.Path}\n1800000000\n5433\n\n", File.ReadAllText(PidFile));
    }

    [Fact]
    public void Later_lines_should_be_added_in_place_and_the_status_line_rewritten()
    {
        var fileLock = Create();

        fileLock.SetLine(PostmasterPidFile.LineListenAddress, "localhost");
        fileLock.SetLine(PostmasterPidFile.LineSharedMemoryKey, PostmasterPidFile.NoSharedMemoryKey);
        fileLock.SetLine(PostmasterPidFile.LineStatus, PostmasterPidFile.StatusStarting);
        fileLock.SetLine(PostmasterPidFile.LineStatus, PostmasterPidFile.StatusReady);

        Assert.Equal($"4242\n{_dir.Path}\n1800000000\n5433\n\nlocalhost\n        0         0\nready   \n", File.ReadAllText(PidFile));
        var parsed = PostmasterPidFile.Read(_dir.Path)!;
        Assert.Equal(new PostmasterPidFile(4242, _dir.Path, 1_800_000_000, 5433, string.Empty, "localhost", "        0         0", "ready   "), parsed);
    }

    [Fact]
    public void A_line_beyond_the_end_should_pad_the_missing_lines_with_empty_ones()
    {
        var fileLock = Create();

        fileLock.SetLine(PostmasterPidFile.LineStatus, PostmasterPidFile.StatusStopping);

        Assert.Equal(8, File.ReadAllText(PidFile).Count(c => c == '\n'));
        Assert.Equal("stopping", PostmasterPidFile.Read(_dir.Path)!.Status);
        Assert.Equal(string.Empty, PostmasterPidFile.Read(_dir.Path)!.ListenAddress);
    }

    [Fact]
    public void A_partial_file_should_parse_with_empty_later_lines()
    {
        var parsed = PostmasterPidFile.Parse("123\n/data\n");

        Assert.Equal(123, parsed.Pid);
        Assert.Equal("/data", parsed.DataDirectory);
        Assert.Equal(0, parsed.Port);
        Assert.Equal(string.Empty, parsed.Status);
    }

    [Fact]
    public void A_second_server_should_fail_with_F0001_when_the_recorded_postmaster_is_alive()
    {
        File.WriteAllText(PidFile, $"777\n{_dir.Path}\n1\n5432\n\n");

        var e = Assert.Throws<PgException>(() => Create(alive: pid => pid == 777));

        Assert.Equal(PgSeverity.Fatal, e.Error.Severity);
        Assert.Equal("F0001", e.Error.SqlState);
        Assert.Equal("lock file \"postmaster.pid\" already exists", e.Error.Message);
        Assert.Equal($"Is another postmaster (PID 777) running in data directory \"{_dir.Path}\"?", e.Error.Hint);
        Assert.StartsWith("777\n", File.ReadAllText(PidFile), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_pid_should_name_a_single_user_postgres_in_the_hint()
    {
        File.WriteAllText(PidFile, "-777\n/x\n");

        var e = Assert.Throws<PgException>(() => Create(alive: _ => true));

        Assert.Equal($"Is another postgres (PID 777) running in data directory \"{_dir.Path}\"?", e.Error.Hint);
    }

    [Fact]
    public void An_empty_lock_file_should_be_reported_as_empty()
    {
        File.WriteAllText(PidFile, string.Empty);

        var e = Assert.Throws<PgException>(() => Create(alive: _ => true));

        Assert.Equal("F0001", e.Error.SqlState);
        Assert.Equal("lock file \"postmaster.pid\" is empty", e.Error.Message);
        Assert.Equal("Either another server is starting, or the lock file is the remnant of a previous server startup crash.", e.Error.Hint);
    }

    [Fact]
    public void A_lock_file_without_a_pid_should_be_bogus_data()
    {
        File.WriteAllText(PidFile, "garbage\n");

        var e = Assert.Throws<PgException>(() => Create(alive: _ => true));

        Assert.Equal("bogus data in lock file \"postmaster.pid\": \"garbage\n\"", e.Error.Message);
    }

    [Fact]
    public void A_stale_file_of_a_dead_process_should_be_replaced()
    {
        File.WriteAllText(PidFile, $"777\n{_dir.Path}\n1\n5432\n\nlocalhost\n        0         0\nready   \n");

        Create(pid: 4242, alive: _ => false);

        Assert.Equal(4242, PostmasterPidFile.Read(_dir.Path)!.Pid);
        Assert.Equal(string.Empty, PostmasterPidFile.Read(_dir.Path)!.Status);
    }

    [Fact]
    public void A_file_naming_our_own_pid_should_be_stale_even_though_that_process_lives()
    {
        File.WriteAllText(PidFile, "4242\n/x\n");

        Create(pid: 4242, alive: _ => true, own: [4242, 99]);

        Assert.Equal($"4242\n{_dir.Path}\n1800000000\n5433\n\n", File.ReadAllText(PidFile));
    }

    [Fact]
    public void The_default_liveness_test_should_see_this_process_and_not_a_finished_one()
    {
        using var finished = System.Diagnostics.Process.Start("true");
        finished.WaitForExit();

        Assert.True(ProcessSignals.MayBeAlive(Environment.ProcessId));
        Assert.False(ProcessSignals.MayBeAlive(finished.Id));
    }

    [Fact]
    public void Recheck_should_fail_once_the_file_is_gone_or_names_another_pid()
    {
        var fileLock = Create();
        Assert.True(fileLock.Recheck());

        File.WriteAllText(PidFile, "999\n");
        Assert.False(fileLock.Recheck());

        File.Delete(PidFile);
        Assert.False(fileLock.Recheck());
    }

    [Fact]
    public void Remove_should_delete_the_file_and_stop_further_updates()
    {
        var fileLock = Create();

        fileLock.Remove();

        Assert.False(File.Exists(PidFile));
        Assert.False(fileLock.SetLine(PostmasterPidFile.LineStatus, PostmasterPidFile.StatusReady));
        Assert.False(File.Exists(PidFile));
    }

    [Fact]
    public void The_lock_file_should_be_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Create();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PidFile));
    }

    [Fact]
    public void The_shared_memory_key_line_should_use_PostgreSQLs_layout()
    {
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, "{0,9} {1,9}", 0, 0), PostmasterPidFile.NoSharedMemoryKey);
        Assert.Equal(19, PostmasterPidFile.NoSharedMemoryKey.Length);
    }
}
