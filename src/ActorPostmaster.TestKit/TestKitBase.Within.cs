namespace ActorPostmaster.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>
    /// Runs <paramref name="action"/> and fails if it took longer than <paramref name="max"/> (on the system clock:
    /// virtual under the deterministic dispatcher). Expectations inside wait at most until the block's end.
    /// </summary>
    /// <param name="max">The most the block may take.</param>
    /// <param name="action">The block.</param>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>Runs <paramref name="action"/> and fails unless it took between <paramref name="min"/> and <paramref name="max"/>.</summary>
    /// <param name="min">The least the block must take.</param>
    /// <param name="max">The most the block may take.</param>
    /// <param name="action">The block.</param>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Within(min, max, () =>
        {
            action();
            return true;
        });
    }

    /// <summary>Runs <paramref name="function"/> within <paramref name="max"/> and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="max">The most the block may take.</param>
    /// <param name="function">The block.</param>
    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    /// <summary>Runs <paramref name="function"/> and fails unless it took between <paramref name="min"/> and <paramref name="max"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="min">The least the block must take.</param>
    /// <param name="max">The most the block may take.</param>
    /// <param name="function">The block.</param>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var start = Now;
        var previous = _end;
        var end = start + max;
        _end = previous is { } outer && outer < end ? outer : end;
        T result;
        try
        {
            result = function();
        }
        finally
        {
            _end = previous;
        }

        CheckWithin(start, min, max);
        return result;
    }

    /// <inheritdoc cref="Within(TimeSpan, TimeSpan, Action)"/>
    public async Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var start = Now;
        var previous = _end;
        var end = start + max;
        _end = previous is { } outer && outer < end ? outer : end;
        try
        {
            await function().ConfigureAwait(false);
        }
        finally
        {
            _end = previous;
        }

        CheckWithin(start, min, max);
    }

    /// <inheritdoc cref="Within(TimeSpan, Action)"/>
    public Task WithinAsync(TimeSpan max, Func<Task> function) => WithinAsync(TimeSpan.Zero, max, function);

    /// <summary>
    /// Retries <paramref name="assertion"/> until it passes or <paramref name="duration"/> has passed. Under the
    /// deterministic dispatcher the system runs until idle before each try and virtual time moves by
    /// <paramref name="interval"/> between tries.
    /// </summary>
    /// <param name="assertion">Throws while the expected state is not reached.</param>
    /// <param name="duration">How long to keep trying; null for the default timeout.</param>
    /// <param name="interval">Time between tries; null for the default interval.</param>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        AwaitAssertAsync(
            () =>
            {
                assertion();
                return Task.CompletedTask;
            },
            duration,
            interval).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="AwaitAssert"/>
    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var max = RemainingOrDilated(duration ?? RemainingOr(TestKitSettings.DefaultTimeout));
        var step = interval ?? TestKitSettings.AwaitInterval;
        var deadline = Now + max;
        while (true)
        {
            Dispatcher?.RunUntilIdle();
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (Now < deadline)
            {
                await PauseAsync(Min(step, deadline - Now)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, like <see cref="AwaitAssert"/>.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="max">How long to keep trying; null for the default timeout.</param>
    /// <param name="interval">Time between tries; null for the default interval.</param>
    /// <param name="message">Added to the failure message.</param>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null) =>
        AwaitConditionAsync(condition, max, interval, message).GetAwaiter().GetResult();

    /// <inheritdoc cref="AwaitCondition"/>
    public async Task AwaitConditionAsync(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = RemainingOrDilated(max ?? RemainingOr(TestKitSettings.DefaultTimeout));
        var step = interval ?? TestKitSettings.AwaitInterval;
        var deadline = Now + limit;
        while (true)
        {
            Dispatcher?.RunUntilIdle();
            if (condition())
            {
                return;
            }

            if (Now >= deadline)
            {
                throw Fail($"Timeout {limit} expired while waiting for condition{Hint(message)}");
            }

            await PauseAsync(Min(step, deadline - Now)).ConfigureAwait(false);
        }
    }

    private void CheckWithin(DateTimeOffset start, TimeSpan min, TimeSpan max)
    {
        var elapsed = Now - start;
        if (elapsed < min)
        {
            throw Fail($"Failed: block took {elapsed}, should at least have been {min}");
        }

        if (elapsed > max)
        {
            throw Fail($"Failed: block took {elapsed}, exceeding {max}");
        }
    }

    /// <summary>Lets time pass: virtual time under the deterministic dispatcher (synchronously), a real wait otherwise.</summary>
    private Task PauseAsync(TimeSpan duration)
    {
        if (Dispatcher is { } dispatcher)
        {
            dispatcher.Advance(duration);
            return Task.CompletedTask;
        }

        return Task.Delay(duration);
    }
}
