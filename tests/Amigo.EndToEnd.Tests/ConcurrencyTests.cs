using Amigo.Emulator;
using Amigo.Generated;

namespace Amigo.EndToEnd.Tests;

public class ConcurrencyTests
{
    [Test]
    public async Task Fifty_conversations_interact_at_once_without_crossed_streams()
    {
        const int Conversations = 50;
        const int Turns = 5;
        await using var emulator = await AmigoEmulator.StartAsync();
        var users = Enumerable.Range(0, Conversations).Select(i => $"6650a1b2c3d4e5f6a7b8{i:x4}").ToList();
        foreach (var user in users) emulator.AddUser(new EmulatorUser(user, $"User {user}"));

        var outcomes = await Task.WhenAll(users.Select(async user =>
        {
            using var client = EmulatorSession.CreateClient(emulator, user);
            var created = await client.Conversations.CreateAsync(new CreateConversationRequest { ServiceId = EmulatorSession.ServiceId }).CollectAsync();
            var replies = new List<string>();
            for (var turn = 0; turn < Turns; turn++)
            {
                var text = $"{user} turn {turn}";
                var result = await client.Conversations.InteractAsync(created.ConversationId!, InteractionInput.Text(text)).CollectAsync();
                Assert.That(result.UserMessage, Is.EqualTo(text));
                replies.Add(result.AgentMessage);
            }
            return (User: user, Replies: replies);
        }));

        foreach (var (user, replies) in outcomes)
        {
            Assert.That(replies, Has.Count.EqualTo(Turns));
            for (var turn = 0; turn < Turns; turn++)
                Assert.That(replies[turn], Does.Contain($"{user} turn {turn}"), "each reply belongs to its own conversation and turn");
        }
        Assert.That(emulator.ActiveStreams, Is.Zero);
    }
}
