namespace Amigo.Tests.Resources;

[TestFixture]
public sealed class OptionsTests
{
    [Test]
    public void Sort_SerializesEachKeyAsPlusOrMinusField_InOrder()
    {
        var sort = AmigoSort.Descending(ConversationMessageSortField.InteractionId).ThenAscending(ConversationMessageSortField.CreatedAt);

        Assert.That(sort.ToQueryValues(), Is.EqualTo(new[] { "-interaction_id", "+created_at" }));
        Assert.That(sort.ToString(), Is.EqualTo("-interaction_id,+created_at"));
        Assert.That(sort.Keys, Is.EqualTo(new[]
        {
            (ConversationMessageSortField.InteractionId, SortDirection.Descending),
            (ConversationMessageSortField.CreatedAt, SortDirection.Ascending),
        }));
    }

    [Test]
    public void Sort_EveryListsFields_HaveTheirWireNames()
    {
        Assert.That(AmigoSort.Ascending(ConversationSortField.CreatedAt).ToString(), Is.EqualTo("+created_at"));
        Assert.That(AmigoSort.Descending(DynamicBehaviorSetSortField.UpdatedAt).ToString(), Is.EqualTo("-updated_at"));
        Assert.That(AmigoSort.Descending(DynamicBehaviorSetVersionSortField.Version).ToString(), Is.EqualTo("-version"));
        Assert.That(AmigoSort.Ascending(DynamicBehaviorInvocationSortField.InvokedAt).ToString(), Is.EqualTo("+invoked_at"));
    }

    [Test]
    public void Sort_IsImmutable()
    {
        var first = AmigoSort.Ascending(ConversationMessageSortField.CreatedAt);
        var second = first.ThenDescending(ConversationMessageSortField.InteractionId);

        Assert.That(first.ToQueryValues(), Is.EqualTo(new[] { "+created_at" }));
        Assert.That(second.ToQueryValues(), Is.EqualTo(new[] { "+created_at", "-interaction_id" }));
    }

    [Test]
    public void Sort_RejectsARepeatedOrUndefinedField()
    {
        var sort = AmigoSort.Ascending(ConversationMessageSortField.CreatedAt);

        var repeated = Assert.Throws<ArgumentException>(() => sort.ThenDescending(ConversationMessageSortField.CreatedAt));
        Assert.That(repeated!.ParamName, Is.EqualTo("field"));
        Assert.Throws<ArgumentException>(() => sort.ThenAscending((ConversationMessageSortField)42));
        Assert.Throws<ArgumentException>(() => sort.ThenBy(ConversationMessageSortField.InteractionId, (SortDirection)7));
        Assert.That(Assert.Throws<ArgumentException>(() => AmigoSort.Ascending(DayOfWeek.Monday))!.Message, Does.Contain("not a field the API can sort by"));
    }

    [Test]
    public void TagFilters_SerializeAsKeyColonValue()
    {
        Assert.That(AmigoTagFilter.WithValue("team", "blue").ToString(), Is.EqualTo("team:blue"));
        Assert.That(AmigoTagFilter.WithValue("needs review", "yes please").ToString(), Is.EqualTo("needs review:yes please"));
        Assert.That(AmigoTagFilter.WithAnyValue("vip").ToString(), Is.EqualTo("vip:*"));
        Assert.That(AmigoTagFilter.WithoutValue("archived").ToString(), Is.EqualTo("archived:"));
        Assert.That(AmigoTagFilter.WithoutValue("archived").Value, Is.Null);
        Assert.That(AmigoTagFilter.WithValue("a", "b"), Is.EqualTo(AmigoTagFilter.WithValue("a", "b")));
    }

    [Test]
    public void Creator_SerializesAsOrgCommaUser()
    {
        Assert.That(new AmigoCreator("acme", "user-1").ToString(), Is.EqualTo("acme,user-1"));
    }

    [Test]
    public void VersionFilter_IsExactLatestOrInclusiveRange()
    {
        Assert.That(DynamicBehaviorSetVersionFilter.Exact(3).ToString(), Is.EqualTo("3"));
        Assert.That(DynamicBehaviorSetVersionFilter.Exact(3).IsExact);
        Assert.That(DynamicBehaviorSetVersionFilter.Latest.ToString(), Is.EqualTo("latest"));
        Assert.That(DynamicBehaviorSetVersionFilter.Latest.IsLatest);
        Assert.That(DynamicBehaviorSetVersionFilter.Range(2, 5).ToString(), Is.EqualTo("2-5"));
        Assert.That((DynamicBehaviorSetVersionFilter.Range(2, 5).Lower, DynamicBehaviorSetVersionFilter.Range(2, 5).Upper), Is.EqualTo(((int?)2, (int?)5)));
        Assert.That(DynamicBehaviorSetVersionFilter.Range(4, 4).ToString(), Is.EqualTo("4-4"));
        Assert.That((DynamicBehaviorSetVersionFilter)7, Is.EqualTo(DynamicBehaviorSetVersionFilter.Exact(7)));
    }

    [Test]
    public void VersionFilter_RejectsNonPositiveVersionsAndReversedRanges()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => DynamicBehaviorSetVersionFilter.Exact(0))!.ParamName, Is.EqualTo("version"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => DynamicBehaviorSetVersionFilter.Range(0, 3))!.ParamName, Is.EqualTo("lower"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => DynamicBehaviorSetVersionFilter.Range(5, 2))!.ParamName, Is.EqualTo("upper"));
    }

    [Test]
    public void Optional_TellsUnsetFromNull()
    {
        AmigoOptional<string?> unset = default;
        AmigoOptional<string?> setToNull = null;
        AmigoOptional<string?> setToValue = "x";

        Assert.That(unset.IsSet, Is.False);
        Assert.That(setToNull.IsSet, Is.True);
        Assert.That(setToNull.Value, Is.Null);
        Assert.That(setToValue.Value, Is.EqualTo("x"));
        Assert.That(unset, Is.Not.EqualTo(setToNull));
        Assert.That(unset, Is.EqualTo(AmigoOptional<string?>.Unset));
        Assert.Throws<InvalidOperationException>(() => _ = unset.Value);
        Assert.That(unset.ToString(), Is.EqualTo("(unset)"));
        Assert.That(setToNull.ToString(), Is.EqualTo("null"));
    }

    [Test]
    public void Update_ToString_ShowsTheBodyItWouldSend()
    {
        Assert.That(new DynamicBehaviorSetUpdate { IsActive = true, Name = null }.ToString(), Is.EqualTo("""{"name":null,"is_active":true}"""));
    }
}
