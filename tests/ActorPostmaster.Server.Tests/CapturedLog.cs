using System.Collections.Concurrent;
using ActorPostmaster.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Server.Tests;

/// <summary>An in-memory logger provider: every message, in order, by category.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    /// <summary>The server log's lines (each entry may span several lines: DETAIL, HINT …), in order.</summary>
    public IReadOnlyList<string> ServerLog => [.. _entries.Where(e => e.Category == ServerLogSink.Category).Select(e => e.Message)];

    /// <summary>The server log as one text, one line per line.</summary>
    public string Text => string.Join("\n", ServerLog) + "\n";

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
