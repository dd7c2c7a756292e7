using Amigo.Generated;

namespace Amigo;

public partial class ConversationsResource
{
    private const string CreateOperation = "create-conversation";

    /// <summary>
    /// Creates a conversation and streams its first turn: <see cref="ConversationCreatedEvent"/>, then the agent's
    /// actions and reply, then <see cref="InteractionCompleteEvent"/>.
    /// </summary>
    /// <remarks>
    /// Nothing is sent until the stream is enumerated (or collected with <see cref="ConversationEventStream.CollectAsync(CancellationToken)"/>);
    /// the stream is never retried. A user may have one unfinished conversation per service: a second one fails with
    /// <see cref="AmigoConflictException"/>.
    /// <para>Permissions: <c>Conversation:CreateConversation</c> on the service, and <c>User:UpdateUserInfo</c> on the user.</para>
    /// </remarks>
    /// <param name="request">The service, its version set, the optional initial message and its type, and tags.</param>
    /// <param name="options">Response format, agent-action filter and stream settings.</param>
    /// <param name="callOptions">Headers and timeout for this call only; null for the client's. The stream is never retried.</param>
    /// <param name="cancellationToken">Cancels the request and the stream.</param>
    /// <exception cref="ArgumentException">The request breaks a rule of the API (the message says which).</exception>
    [AmigoOperation("create-conversation")]
    public virtual ConversationEventStream CreateAsync(
        CreateConversationRequest request, ConversationTurnOptions? options = null, AmigoCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        AmigoArguments.Body(request, nameof(request), required: true);
        if (request.InitialMessageType is not null && string.IsNullOrEmpty(request.InitialMessage))
            throw new ArgumentException("InitialMessageType can only be set together with InitialMessage.", nameof(request));
        options ??= new ConversationTurnOptions();
        var filter = ValidatedFilter(options.AgentActionTypeFilter);
        Context.Check(callOptions);

        return StartTurn(CreateOperation, options, callOptions, () => new HttpRequestMessage(HttpMethod.Post, $"v1/{Escape(OrganizationId)}/conversation/{Query(options.ResponseFormat, filter)}")
        {
            Content = new StringContent(Newtonsoft.Json.JsonConvert.SerializeObject(request, AmigoJsonSettings.Create()), System.Text.Encoding.UTF8, "application/json"),
        }, cancellationToken);
    }
}
