using System.Diagnostics;
using System.Text;

namespace ActorPostmaster.Server.Tests;

/// <summary>The built actorpg executable, run as a real process.</summary>
internal static class Actorpg
{
    /// <summary>src/ActorPostmaster.Server/bin/&lt;configuration&gt;/net10.0/actorpg, next to this test assembly's configuration.</summary>
    public static string Executable { get; } = Locate();

    /// <summary>Starts actorpg in the background; dispose kills it if it still runs.</summary>
    public static ActorpgProcess Start(params string[] args) => new(args);

    /// <summary>Runs actorpg to its end.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var process = new ActorpgProcess(args);
        var code = await process.ExitedAsync();
        return (code, process.Stdout, process.Stderr);
    }

    private static string Locate()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var root = framework;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ActorPostmaster.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "src", "ActorPostmaster.Server", "bin", configuration, framework.Name, "actorpg");
        return File.Exists(path) ? path : throw new FileNotFoundException("actorpg has not been built", path);
    }
}

/// <summary>One actorpg process with its stdout and stderr captured; killed on dispose if it still runs.</summary>
internal sealed class ActorpgProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActorpgProcess(string[] args)
    {
        // Started with SIGHUP, SIGINT, SIGQUIT and SIGTERM ignored, as nohup and a background job of a non-interactive
        // shell start it, so every reload and shutdown here also checks that actorpg, like postgres, handles them
        // whatever it inherited. The shell execs, so the pid is actorpg's.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("trap '' HUP INT QUIT TERM; exec \"$0\" \"$@\"");
        start.ArgumentList.Add(Actorpg.Executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("PGDATA");
        start.Environment.Remove("PGCTLTIMEOUT");
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data, _stdoutDone);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data, _stderrDone);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The exit code, once the process and its output have ended.</summary>
    public async Task<int> ExitedAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.Patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(_stdoutDone.Task, _stderrDone.Task).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"actorpg did not exit; stderr so far:\n{Stderr}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line, TaskCompletionSource done)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
