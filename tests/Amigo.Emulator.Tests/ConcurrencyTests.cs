using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Tests;

public sealed class ConcurrencyTests
{
    [Test]
    public async Task ManyConversationsInParallel_NoCrossedStreams_NoLostEvents()
    {
        const int conversations = 30;
        const int interactions = 3;
        await using var session = await EmulatorSession.StartAsync(signIn: false);
        var users = Enumerable.Range(0, conversations).Select(i => $"{i + 1:x24}").ToList();
        foreach (var user in users)
        {
            session.Emulator.AddUser(new EmulatorUser(user, $"User {user[^2..]}"));
        }

        async Task<int> RunAsync(string userId)
        {
            var (token, _) = session.Emulator.IssueToken(userId);
            var events = 0;
            var conversationId = "";
            async Task<List<JObject>> SendAsync(HttpRequestMessage request)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var (status, stream) = await session.StreamAsync(request);
                Assert.That(status, Is.InRange(200, 201), stream.FirstOrDefault()?.ToString());
                events += stream.Count;
                Assert.That(stream.Select(e => (string)e["type"]!).Last(), Is.EqualTo("interaction-complete"));
                return stream;
            }

            conversationId = (string)(await SendAsync(session.CreateRequest()))[0]["conversation_id"]!;
            for (var i = 0; i < interactions; i++)
            {
                var text = $"{userId} says {i}";
                var stream = await SendAsync(session.InteractRequest(conversationId, text));
                Assert.That((string)stream[0]["user_message"]!, Is.EqualTo(text));
                Assert.That((string)stream[^1]["full_message"]!, Does.Contain(text));
            }

            var messagesRequest = new HttpRequestMessage(HttpMethod.Get, $"v1/{session.Org}/conversation/{conversationId}/messages/?message_type=user-message&sort_by=%2Bcreated_at");
            messagesRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await session.Http.SendAsync(messagesRequest);
            var messages = (await EmulatorSession.BodyAsync(response))["messages"]!.Select(m => (string)m["message"]!);
            Assert.That(messages, Is.EqualTo(Enumerable.Range(0, interactions).Select(i => $"{userId} says {i}")));
            return events;
        }

        var counts = await Task.WhenAll(users.Select(RunAsync)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.That(counts.Distinct().Count(), Is.EqualTo(1), "every conversation streams the same number of events");
        Assert.That(session.Emulator.ActiveStreams, Is.Zero);
    }
}
