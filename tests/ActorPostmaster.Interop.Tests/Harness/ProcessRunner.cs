using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ActorPostmaster.Interop.Harness;

/// <summary>What a finished (or timed-out and killed) child process printed.</summary>
public sealed record ProcessResult(
    string FileName,
    IReadOnlyList<string> Arguments,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    bool TimedOut)
{
    /// <summary>The command line, for failure messages.</summary>
    public string CommandLine => FileName + " " + string.Join(' ', Arguments.Select(Quote));

    /// <inheritdoc />
    public override string ToString() =>
        $"$ {CommandLine}\n(exit {ExitCode}{(TimedOut ? ", TIMED OUT and killed" : "")})\n--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";

    internal static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:,@%+".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>
/// A child process whose standard output and error are captured verbatim (no line splitting, so exact texts can be
/// compared) while it runs. Standard input is always redirected: the given text is written and the stream closed, so a
/// client never waits on the test host's terminal.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningProcess(Process process, string fileName, IReadOnlyList<string> arguments)
    {
        _process = process;
        FileName = fileName;
        Arguments = arguments;
        _stdoutPump = PumpAsync(process.StandardOutput, _stdout);
        _stderrPump = PumpAsync(process.StandardError, _stderr);
    }

    /// <summary>The program that was started.</summary>
    public string FileName { get; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The OS process id of the child.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether the child has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the child has written to standard output so far.</summary>
    public string StandardOutput
    {
        get { lock (_gate) { return _stdout.ToString(); } }
    }

    /// <summary>Everything the child has written to standard error so far.</summary>
    public string StandardError
    {
        get { lock (_gate) { return _stderr.ToString(); } }
    }

    /// <summary>
    /// Starts a process. The environment is the test host's minus every <c>PG*</c> variable (so a developer's PGHOST
    /// or PGOPTIONS cannot leak in), with <c>LC_ALL=C.UTF-8</c> (untranslated messages), then <paramref name="environment"/>
    /// applied on top (a null value removes the variable).
    /// </summary>
    public static RunningProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null,
        string? workingDirectory = null)
    {
        var args = arguments.ToList();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["LC_ALL"] = "C.UTF-8";
        info.Environment["LANG"] = "C.UTF-8";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot start {fileName}: {e.Message}", e);
        }

        var running = new RunningProcess(process, fileName, args);
        _ = running.FeedStandardInputAsync(standardInput);
        return running;
    }

    /// <summary>
    /// Waits until <paramref name="predicate"/> holds for the standard output captured so far, and returns that output.
    /// Throws <see cref="TimeoutException"/> at the deadline, or <see cref="InvalidOperationException"/> when the process
    /// exits first without the predicate holding.
    /// </summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var text = _stdout.ToString();
                if (predicate(text))
                {
                    return text;
                }

                changed = _changed.Task;
            }

            if (_process.HasExited)
            {
                await Task.WhenAll(_stdoutPump, _stderrPump).ConfigureAwait(false);
                var final = StandardOutput;
                if (predicate(final))
                {
                    return final;
                }

                throw new InvalidOperationException(
                    $"{Describe()} exited (status {_process.ExitCode}) before printing what was awaited.\n" +
                    $"--- stdout ---\n{final}--- stderr ---\n{StandardError}");
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"{Describe()} did not print what was awaited within {timeout.TotalSeconds:0.#} s.\n" +
                    $"--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}");
            }

            // Output or exit, whichever comes first; the exit check is re-polled at most every 100 ms.
            await Task.WhenAny(changed, Task.Delay(Min(remaining, TimeSpan.FromMilliseconds(100)))).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the process to exit; at the deadline kills it (and its children) and reports <c>TimedOut</c>.</summary>
    public async Task<ProcessResult> WaitForExitAsync(TimeSpan timeout)
    {
        var timedOut = false;
        using (var cts = new CancellationTokenSource(timeout))
        {
            try
            {
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                Kill();
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        await Task.WhenAll(_stdoutPump, _stderrPump).ConfigureAwait(false);
        return new ProcessResult(FileName, Arguments, _process.ExitCode, StandardOutput, StandardError, timedOut);
    }

    /// <summary>Waits for the process to exit without killing it; false at the deadline.</summary>
    public async Task<bool> TryWaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILLs the process and its descendants, if it is still running.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited in the meantime, or a child is not ours to kill; nothing more can be done.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            await Task.WhenAll(_stdoutPump, _stderrPump).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private string Describe() =>
        $"{Path.GetFileName(FileName)} (pid {Pid.ToString(CultureInfo.InvariantCulture)}: {FileName} {string.Join(' ', Arguments.Select(ProcessResult.Quote))})";

    private async Task FeedStandardInputAsync(string? text)
    {
        try
        {
            if (text is not null)
            {
                await _process.StandardInput.WriteAsync(text).ConfigureAwait(false);
                await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            }

            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading all of its input.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        var buffer = new char[4096];
        while (true)
        {
            int n;
            try
            {
                n = await reader.ReadAsync(buffer).ConfigureAwait(false);
            }
            catch (IOException)
            {
                n = 0;
            }
            catch (ObjectDisposedException)
            {
                n = 0;
            }

            lock (_gate)
            {
                if (n > 0)
                {
                    sink.Append(buffer, 0, n);
                }

                var changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.TrySetResult();
            }

            if (n == 0)
            {
                return;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

/// <summary>Runs short-lived commands to completion.</summary>
public static class ProcessRunner
{
    /// <summary>The default limit for a command that should finish quickly.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs a command to completion (killed at the timeout) and returns what it printed.</summary>
    public static Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null,
        TimeSpan? timeout = null) =>
        RunCoreAsync(RunningProcess.Start(fileName, arguments, environment, standardInput), timeout ?? DefaultTimeout);

    /// <summary>Runs a command and throws with everything it printed unless it exits with status 0.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null,
        TimeSpan? timeout = null)
    {
        var result = await RunAsync(fileName, arguments, environment, standardInput, timeout).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            throw new InvalidOperationException("Command failed:\n" + result);
        }

        return result;
    }

    private static async Task<ProcessResult> RunCoreAsync(RunningProcess process, TimeSpan timeout)
    {
        await using (process.ConfigureAwait(false))
        {
            return await process.WaitForExitAsync(timeout).ConfigureAwait(false);
        }
    }
}
