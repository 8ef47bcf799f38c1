"""Speakers from general mechanisms: each on a small text written for it."""

from __future__ import annotations

import pytest

from summarizer import Summarizer


def speakers(summarizer_: Summarizer, text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in summarizer_.summarize(text).quotes}


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a party tag between the name and its cue
        (
            'Sen. Jane Roe (D-Ore.) said the bill was "a disaster for working families."',
            "a disaster for working families.",
            "Jane Roe",
        ),
        # a lone surname the mention finder reads as an adjective ("Cuban")
        (
            'Mark Cuban spoke on Monday. "I would have the same talk with him," Cuban said.',
            "I would have the same talk with him,",
            "Mark Cuban",
        ),
        # the cue opens the next sentence: `"…!" LeVell declared.`
        (
            'Bruce LeVell leads the group. "And I am not being paid!" LeVell declared.',
            "And I am not being paid!",
            "Bruce LeVell",
        ),
        # a coordinated cue shares the sentence's subject
        (
            'Ben Carson took the stage in Baltimore and called the system "rotten to the core."',
            "rotten to the core.",
            "Ben Carson",
        ),
        # "in …" modifies the subject, it is not the subject
        (
            '"Will he be the next attorney general?" a Democratic staffer in the room wondered.',
            "Will he be the next attorney general?",
            "Democratic staffer",
        ),
        # an unnamed source after an inverted cue, "former" and all
        (
            'Bill Smith spoke on Monday. "Did he lose 20 minutes? Probably," said one former '
            "senior agency official.",
            "Did he lose 20 minutes? Probably,",
            "former senior agency official",
        ),
        # an adverb after the cue says nothing more
        (
            'Bernie Sanders spoke. "Should that dealer be sued for selling a legal product?" '
            "Sanders asked rhetorically.",
            "Should that dealer be sued for selling a legal product?",
            "Bernie Sanders",
        ),
        # a cue ending the paragraph before, with a colon
        (
            'Dr. Kelli Ward stated:\n\n"The department is not about equal justice anymore."',
            "The department is not about equal justice anymore.",
            "Kelli Ward",
        ),
        # a name labelling the quotation, before it or as a signature line after it
        (
            'From the pollsters - Michael P. McDonald: "At long last the contests have started."',
            "At long last the contests have started.",
            "Michael P. McDonald",
        ),
        (
            'The debate went on.\n\n"Big companies pay zero taxes."\n\n- Bernie Sanders.',
            "Big companies pay zero taxes.",
            "Bernie Sanders",
        ),
        # an unnamed source described with participles and hyphenated adjectives
        (
            'Polls are tight. "There is no data to suggest that," said one unaligned Florida '
            "Republican strategist.",
            "There is no data to suggest that,",
            "unaligned Florida Republican strategist",
        ),
        # "the report" is its issuer's, not a publication whose name ends in "Report"
        (
            "The Southern Poverty Law Center writes the Intelligence Report. The center "
            'published a study on Monday. "Most of the groups simply faded away," the report '
            "said.",
            "Most of the groups simply faded away,",
            "Southern Poverty Law Center",
        ),
        # a definite description to the organisation it abbreviates
        (
            "The Wine Growers Institute published its figures. "
            '"Harvests fell by a third this year," the institute said.',
            "Harvests fell by a third this year,",
            "Wine Growers Institute",
        ),
        # a speech verb that says how it was said
        (
            '"We will win this fight in the courts," Tom Ardley fumed.',
            "We will win this fight in the courts,",
            "Tom Ardley",
        ),
        # a verb form that is mostly a noun is a cue before "that"
        (
            'Unlike Paul Hart, Rita Gomez notes that the plan "has never been tested on a city '
            'this size."',
            "has never been tested on a city this size.",
            "Rita Gomez",
        ),
        # ", according to X" names its source; it is no participle sharing the subject
        (
            "Tom Wells met the board on Monday. The budget, according to a city official, was "
            '"cut by a third without any public hearing."',
            "cut by a third without any public hearing.",
            "city official",
        ),
        # an inverted cue between two parts of a quotation introduces the second as well
        (
            'Ana Ruiz runs the port. "It was a hard winter," said Ana Ruiz, "because the ice '
            'never broke and the boats stayed home."',
            "because the ice never broke and the boats stayed home.",
            "Ana Ruiz",
        ),
        # a clause ending in a colon introduces the quotation: its subject says it
        (
            "When the vote ended, the Harbor Council was firm in its findings: "
            '"Further delay on this bridge is not acceptable to anyone."',
            "Further delay on this bridge is not acceptable to anyone.",
            "Harbor Council",
        ),
        # a quotation standing alone after indirect speech goes on with it
        (
            "Carla Voss spoke on Friday.\n\nVoss said the deal would not happen this year.\n\n"
            '"That is because the river is still too high for the trucks."',
            "That is because the river is still too high for the trucks.",
            "Carla Voss",
        ),
        # a lone word after an inverted cue is its subject, not an object ("said Cuban")
        (
            'Mark Cuban spoke on Monday. "I would have the same talk with him," said Cuban.',
            "I would have the same talk with him,",
            "Mark Cuban",
        ),
        # a participle cue shares a subject that is a description, not a name
        (
            "The Ohio governor took the stage in Dayton, saying the town "
            '"will not be forgotten by anyone in this state."',
            "will not be forgotten by anyone in this state.",
            "Ohio governor",
        ),
        # "top" is a stop word to spaCy, but an adjective in a description
        (
            '"The bridge plan will fail within a year," said the former top aide to the mayor.',
            "The bridge plan will fail within a year,",
            "former top aide",
        ),
        # a text with no issuer in reach keeps its own description
        (
            'Prices rose again in May. "Families will pay more for bread this year," the report '
            "said.",
            "Families will pay more for bread this year,",
            "report",
        ),
        # a participle cue shares the subject named before an apposition
        (
            "Lena Ortiz, herself a farmer for thirty years, drew loud cheers upon saying, "
            '"We will not sell this land to anyone."',
            "We will not sell this land to anyone.",
            "Lena Ortiz",
        ),
        # words before a cue that name nobody leave the clause's subject to speak
        (
            "Nora Field has voiced doubts about the vote later this month, recently telling one "
            'friend that she is unsure about "which version of the plan will reach the floor."',
            "which version of the plan will reach the floor.",
            "Nora Field",
        ),
        # a pronoun stands for someone named before it, not a name in its own clause
        (
            "The crowd in Toledo cheered Omar Haddad on Friday. He said that only people such "
            'as Carl Brenner wanted "cheaper labour at any cost."',
            "cheaper labour at any cost.",
            "Omar Haddad",
        ),
        # a name that only modifies a role before another name is not the subject
        (
            "The council met with Carl Olsen on Monday. Olsen spokesman Tim Berg declined to "
            'give a date for the vote. "I have no news for you today," he said.',
            "I have no news for you today,",
            "Tim Berg",
        ),
        # an aside that opens with a preposition stands after the subject
        (
            'Dan Price, in Denver, said the rail line was "a waste of every dollar we have put '
            'into it."',
            "a waste of every dollar we have put into it.",
            "Dan Price",
        ),
        # a name that a preposition governs is no subject missing its closing comma
        (
            "In an interview with talk show hosts Ava Stone and Ben Cole, the retired general "
            'stated that the war had been "a mistake from the very first day."',
            "a mistake from the very first day.",
            "retired general",
        ),
        # a dash still describes the name a preposition governs
        (
            'Visits to Redline -- a forum claiming to be "the last free voice of the valley" -- '
            "have doubled since 2010.",
            "the last free voice of the valley",
            "Redline",
        ),
        # after indirect speech, the words before a participle cue are no holder
        (
            "Rosa Diaz has advice for parents. Then she says you should call a few lawyers, "
            'asking them what they charge. "You may not end up being friends, but you need to '
            'feel secure."',
            "You may not end up being friends, but you need to feel secure.",
            "Rosa Diaz",
        ),
        # a relative clause ends at a quotation: the cue after it is the sentence's own
        (
            "That makes Reyes a figure to whom workers can "
            '"bring every complaint they have about the mill," Ada Sexton said.',
            "bring every complaint they have about the mill,",
            "Ada Sexton",
        ),
        # a cue inside what the main clause's cue reports: the main clause's speaker
        (
            "Mayor Lou Penn spoke at the depot. Penn said he would like Governor Ida Marsh to "
            'explain why the line is "a lost cause for the whole valley."',
            "a lost cause for the whole valley.",
            "Lou Penn",
        ),
        # after "and", the later cue has its own subject
        (
            "Ida Marsh toured the depot. A driver asked for a photo and Marsh said, "
            '"only if we are back on the road by noon today."',
            "only if we are back on the road by noon today.",
            "Ida Marsh",
        ),
        # the words before a participle cue are its object, not a subject "he" prefers
        (
            "Paul Voss went after Tom Reed in Salem, calling him a weak man. He says, "
            '"Here is a guy who would not last a week in any real job."',
            "Here is a guy who would not last a week in any real job.",
            "Paul Voss",
        ),
        # an opening phrase with an aside in it: the subject follows the comma a name follows
        (
            "Speaking to KTV's Morning Show on Monday in Dover, which votes next week, Jeb Moss "
            'referred to Ann Cole as "a bright leader" but described her plan as "a work in '
            'progress for the whole state."',
            "a work in progress for the whole state.",
            "Jeb Moss",
        ),
        # a sentence adverb between the subject and its cue
        (
            "Defence Secretary Tom Hale flew to Manila. Hale however said he would welcome a "
            '"principled security network for the whole region."',
            "principled security network for the whole region.",
            "Tom Hale",
        ),
        # an embassy is an organisation, so "he" is not given to it
        (
            "Staff at the base called Tom Berg, who ran it. They also alerted the Ruritania "
            'Embassy in Varna. "We lost track of the convoy for an hour," he said.',
            "We lost track of the convoy for an hour,",
            "Tom Berg",
        ),
        # "Middle Eastern" is a regional adjective, not a person "he" can stand for
        (
            "Moments later, Sam Reyes made sure his critique of Ann Cole's Middle Eastern "
            'policy was polite. "I do not know if she sees this, but that is no friendly '
            'policy," he said.',
            "I do not know if she sees this, but that is no friendly policy,",
            "Sam Reyes",
        ),
        # a lone word stands for one more of the sources just described
        (
            'Two union members spoke online. "The vote was stolen," one member wrote. '
            '"Watch out for the clerk," tweeted another.',
            "Watch out for the clerk,",
            "another",
        ),
        # a cue inside what an earlier cue reports holds nothing of its own ("critics")
        (
            "Ana Ruiz spoke on Saturday. Ruiz said that for years some critics had been "
            "predicting a withdrawal from the region, but this would not happen. "
            '"That is because this region remains the most important one for our future."',
            "That is because this region remains the most important one for our future.",
            "Ana Ruiz",
        ),
        # `Q" and said it was …`: the words after the cue are what was said
        (
            "Maria Gomez won the vote in Ohio on Tuesday. Gomez celebrated with supporters, "
            'declaring it "another great night for our campaign" and said it was another step '
            "closer to the nomination.",
            "another great night for our campaign",
            "Maria Gomez",
        ),
        # a name that only modifies a role passes the sentence's subject on to the next name
        (
            "Mitch McConnell has slowed the votes. Waverly Crenshaw could be the last judge "
            "this year. McConnell spokesman Don Stewart "
            'wouldn’t say when the Senate will vote. "I do not have any new announcements '
            'yet," he said.',
            "I do not have any new announcements yet,",
            "Don Stewart",
        ),
        # `…," adding`: a participle after a quotation's closing mark shares the subject
        (
            'Lindsey Graham spoke on Thursday. "Kasich would be the best nominee," Graham said '
            'on MSNBC\'s "Morning Joe," adding, "His problem is that he is an insider in an '
            'outsider year."',
            "His problem is that he is an insider in an outsider year.",
            "Lindsey Graham",
        ),
        # a cue after "and" shares the subject, even with a name-like phrase after it
        (
            'Hillary Clinton spoke to the union on Monday. Clinton supports "appropriate pay '
            'raises," opposes "arbitrary pay freezes" and recalled the three-year freeze on pay.',
            "arbitrary pay freezes",
            "Hillary Clinton",
        ),
        # a quotation that is most of its sentence, with no cue: the person before it
        (
            "Bernie Sanders lost the vote in Kentucky on Tuesday. His supporters did not have "
            'to wait for long. Sanders credited the victory to "a closed primary, something I '
            'am not all that enthusiastic about, where independents cannot vote."',
            "a closed primary, something I am not all that enthusiastic about, where "
            "independents cannot vote.",
            "Bernie Sanders",
        ),
    ],
)
def test_speaker_mechanisms(summarizer_: Summarizer, text: str, quote: str, speaker: str) -> None:
    assert speakers(summarizer_, text)[quote] == speaker


def test_a_finished_quotation_is_not_given_the_next_statement(summarizer_: Summarizer) -> None:
    text = (
        'John Kerry spoke in Paris. "This is an act of cowardice," he said. "It only '
        'strengthens our resolve to fight terrorism wherever it exists." The French Embassy '
        "warned its citizens to be on alert."
    )
    found = speakers(summarizer_, text)
    assert found["It only strengthens our resolve to fight terrorism wherever it exists."] == (
        "John Kerry"
    )


def test_an_uncued_quotation_after_the_speakers_quote_in_the_paragraph(
    summarizer_: Summarizer,
) -> None:
    text = (
        '"Our members are frustrated with the new rule," said Jack Mozloom, a spokesman for '
        'the federation. "He has been very aggressive with the overtime rule," which Mozloom '
        "thinks will cut hours."
    )
    found = speakers(summarizer_, text)
    assert found["He has been very aggressive with the overtime rule,"] == "Jack Mozloom"


def test_she_is_not_given_to_the_man_named_last(summarizer_: Summarizer) -> None:
    text = (
        "Maria Lopez lost her home in the flood. Her neighbour, David Brown, helped her "
        'carry what was left. "We lost everything we had in the house," she said.'
    )
    assert speakers(summarizer_, text)["We lost everything we had in the house,"] == "Maria Lopez"


def test_a_lone_source_word_is_no_actor(summarizer_: Summarizer) -> None:
    brief = summarizer_.summarize(
        'Two union members spoke online. "The vote was stolen by the clerk," one member '
        'wrote. Another said, "We will fight this in court and we will win again."'
    )
    assert "another" in [q.speaker for q in brief.quotes]
    assert not [a for a in brief.actors if a.name.lower() == "another"]


def test_no_subject_is_read_before_a_participle(summarizer_: Summarizer) -> None:
    text = (
        "Crowds came to the hall in Salem. The billionaire businessman began by talking about "
        'the state\'s drug crisis, saying that heroin is now "cheaper than getting candy."'
    )
    assert speakers(summarizer_, text)["cheaper than getting candy."] is None


def test_the_object_of_an_infinitive_cue_is_no_speaker(summarizer_: Summarizer) -> None:
    text = (
        "U.S. District Judge Carlton Reeves on Thursday blocked a bill that would have allowed "
        'officials professing a "sincere religious belief" to deny services to gay couples.'
    )
    assert speakers(summarizer_, text)["sincere religious belief"] != "services"


def test_now_between_but_and_the_cue_keeps_the_shared_subject(summarizer_: Summarizer) -> None:
    text = (
        "Rand Paul left the race in February. House Republican Thomas Massie used to support "
        'Paul, but now said Trump had "the opportunity and the obligation to bring us together."'
    )
    found = speakers(summarizer_, text)["the opportunity and the obligation to bring us together."]
    assert found is not None and found.endswith("Thomas Massie")


def test_already_between_subject_and_cue(summarizer_: Summarizer) -> None:
    text = (
        "Maria Lopez leads the council. Lopez already said the plan was "
        '"a total disaster for the whole city."'
    )
    assert speakers(summarizer_, text)["a total disaster for the whole city."] == "Maria Lopez"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Marco Rubio spoke on Monday. Shortly after the call ended, Rubio's campaign sent "
            'out a press release saying Murphy owes "Florida an explanation for voting against '
            'the funding."',
            "Florida an explanation for voting against the funding.",
            "Marco Rubio",
        ),
        (
            "Ivanka Trump sells shoes. At the time, she released a statement saying, "
            '"The company has distinguished itself as a trusted partner for many brands."',
            "The company has distinguished itself as a trusted partner for many brands.",
            "Ivanka Trump",
        ),
    ],
)
def test_a_text_issued_by_the_subject_speaks_for_it(
    summarizer_: Summarizer, text: str, quote: str, speaker: str
) -> None:
    """`X put out a statement saying "Q"`: the issuer, not the statement."""
    assert speakers(summarizer_, text)[quote] == speaker


def test_a_quotation_two_sentences_on_takes_its_own_sentences_person(
    summarizer_: Summarizer,
) -> None:
    text = (
        '"Not doing so was a mistake, and I take full responsibility for it," Clinton said. '
        "The inquiry goes on. Any charge would involve Attorney General Loretta Lynch, who told "
        'Congress when asked about it: "That matter is being handled by career independent law '
        "enforcement agents, FBI agents, as well as the career independent attorneys in the "
        "Department of Justice who have handled it from the start and will see it through to "
        'its end."'
    )
    quote = next(q for q in summarizer_.summarize(text).quotes if q.text.startswith("That matter"))
    assert quote.speaker == "Loretta Lynch"


def test_one_of_a_group_is_described_by_the_group(summarizer_: Summarizer) -> None:
    text = (
        'Clinton leads the race. "There will not be a path for Bernie to succeed," said one '
        "of those advisers, who spoke on the condition of anonymity."
    )
    assert speakers(summarizer_, text)["There will not be a path for Bernie to succeed,"] == (
        "advisers"
    )


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            '"Clinton needs a strategy for the Johnson and Stein voters," Nate Silver, the '
            "polling guru who founded the site tweeted on Wednesday.",
            "Clinton needs a strategy for the Johnson and Stein voters,",
            "Nate Silver",
        ),
        (
            "Sanders leads the race. A White House official who spoke anonymously to discuss "
            'internal strategy said Wednesday, "Certainly there are talks between the White House '
            'and the Sanders campaign."',
            "Certainly there are talks between the White House and the Sanders campaign.",
            "White House official",
        ),
    ],
)
def test_a_cue_past_a_relative_clause_is_the_main_clauses(
    summarizer_: Summarizer, text: str, quote: str, speaker: str
) -> None:
    """ "X who did Y said Wednesday, "Q"": the relative clause has its own verb."""
    assert speakers(summarizer_, text)[quote] == speaker


def test_an_opening_participle_goes_on_from_the_statement_before(
    summarizer_: Summarizer,
) -> None:
    text = (
        'Later in the show, host Dana Pike said of the audit that the report "was not good." '
        'Adding, "Like every other scandal, what they actually did is not what you were told."'
    )
    found = speakers(summarizer_, text)
    assert found["Like every other scandal, what they actually did is not what you were told."] == (
        "Dana Pike"
    )


def test_an_opening_participle_with_no_statement_before_has_no_speaker(
    summarizer_: Summarizer,
) -> None:
    text = (
        "The rain fell all day on the small town by the river. "
        'Adding, "It is what it is, and we will rebuild the town hall by spring."'
    )
    assert (
        speakers(summarizer_, text)[
            "It is what it is, and we will rebuild the town hall by spring."
        ]
        is None
    )


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            'Mayor Rita Mendez calls the new stadium deal a "giveaway" for developers.',
            "giveaway",
            "Rita Mendez",
        ),
        (
            'The union leader Sam Ochoa labeled the offer "an insult" on Tuesday.',
            "an insult",
            "Sam Ochoa",
        ),
        # "shouting" after an article is an adjective, not the cue
        ('Mayor Tom Reyes calls a shouting protester a "thug" on live radio.', "thug", "Tom Reyes"),
    ],
)
def test_a_fragment_after_a_characterising_verb_is_its_subjects(
    summarizer_: Summarizer, text: str, fragment: str, speaker: str
) -> None:
    assert speakers(summarizer_, text).get(fragment) == speaker


def test_a_fragment_with_no_verb_that_says_is_no_quotation(summarizer_: Summarizer) -> None:
    text = 'Residents of the valley remember the "big flood" of 1998 well.'
    assert "big flood" not in speakers(summarizer_, text)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the stop word "well" is part of the hyphenated word, not where the subject ends
        (
            'A well-placed official said the count had been "rigged from the very first day."',
            "well-placed official",
        ),
        # "front" is a stop word too: the subject is the whole description, never "-runner"
        (
            "The Democratic front-runner complained on Monday that the count had been "
            '"rigged from the very first day."',
            "Democratic front-runner",
        ),
    ],
)
def test_a_hyphenated_word_is_never_cut_into_a_speaker(
    summarizer_: Summarizer, text: str, speaker: str | None
) -> None:
    assert speakers(summarizer_, text) == {"rigged from the very first day.": speaker}
