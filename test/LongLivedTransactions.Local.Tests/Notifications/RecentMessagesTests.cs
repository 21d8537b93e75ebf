using LongLivedTransactions.Local.Notifications;

namespace LongLivedTransactions.Local.Tests.Notifications;

/// <summary>The local SNS and SQS keep their latest messages only, and a mark still finds the messages after it.</summary>
public class RecentMessagesTests
{
    [Fact]
    public void Only_the_latest_messages_are_kept_oldest_first()
    {
        var messages = new RecentMessages<int>(capacity: 3);
        foreach (int message in Enumerable.Range(1, 5))
        {
            messages.Add(message);
        }

        Assert.Equal([3, 4, 5], messages.All());
        Assert.Equal(5, messages.Recorded);
    }

    [Fact]
    public void Since_a_mark_gives_the_messages_recorded_after_it_that_are_still_kept()
    {
        var messages = new RecentMessages<int>(capacity: 3);
        messages.Add(1);
        long mark = messages.Recorded;
        Assert.Empty(messages.Since(mark));

        messages.Add(2);
        messages.Add(3);
        Assert.Equal([2, 3], messages.Since(mark));

        messages.Add(4);
        messages.Add(5);
        Assert.Equal([3, 4, 5], messages.Since(mark));
        Assert.Equal([5], messages.Since(mark + 3));
    }
}
