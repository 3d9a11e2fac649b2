namespace ActorPostmaster.TestKit;

/// <summary>INTERNAL API. One filter: installs itself, runs the block, waits for the events, checks the count.</summary>
internal sealed class EventFilterApplier : IEventFilterApplier
{
    private readonly TestKitBase _testKit;
    private readonly Func<object, bool> _predicate;
    private readonly string _description;

    public EventFilterApplier(TestKitBase testKit, Func<object, bool> predicate, string description)
    {
        _testKit = testKit;
        _predicate = predicate;
        _description = description;
    }

    public void ExpectOne(Action action) => Expect(1, action);

    public T ExpectOne<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        var result = default(T);
        Expect(1, () => result = func());
        return result!;
    }

    public Task ExpectOneAsync(Func<Task> action) => ExpectAsync(1, action);

    public void Expect(int expectedCount, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var filter = _testKit.Filters.Add(_predicate, counts: true);
        try
        {
            action();
            WaitFor(filter, expectedCount);
        }
        finally
        {
            _testKit.Filters.Remove(filter);
        }

        Check(filter, expectedCount);
    }

    public async Task ExpectAsync(int expectedCount, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var filter = _testKit.Filters.Add(_predicate, counts: true);
        try
        {
            await action().ConfigureAwait(false);
            if (_testKit.Dispatcher is null)
            {
                await Task.Run(() => WaitFor(filter, expectedCount)).ConfigureAwait(false);
            }
            else
            {
                WaitFor(filter, expectedCount);
            }
        }
        finally
        {
            _testKit.Filters.Remove(filter);
        }

        Check(filter, expectedCount);
    }

    public IDisposable Mute() => new Unmute(_testKit.Filters, _testKit.Filters.Add(_predicate, counts: false));

    public void Mute(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using (Mute())
        {
            action();
        }
    }

    private void WaitFor(EventFilterRegistry.ActiveFilter filter, int expectedCount)
    {
        var leeway = _testKit.TestKitSettings.FilterLeeway;
        if (_testKit.Dispatcher is { } dispatcher)
        {
            dispatcher.RunUntil(() => filter.Count >= expectedCount, _testKit.Now + leeway);
            dispatcher.RunUntilIdle(); // surface any extra matching event that is already on its way
        }
        else
        {
            SpinWait.SpinUntil(() => filter.Count >= expectedCount, leeway);
        }
    }

    private void Check(EventFilterRegistry.ActiveFilter filter, int expectedCount)
    {
        if (filter.Count != expectedCount)
        {
            throw TestKitBase.Fail($"Expected {expectedCount} {_description}, but received {filter.Count}.");
        }
    }

    private sealed class Unmute(EventFilterRegistry registry, EventFilterRegistry.ActiveFilter filter) : IDisposable
    {
        public void Dispose() => registry.Remove(filter);
    }
}
