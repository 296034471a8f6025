"""The course's own structure: chapters, their timings, and their self-check quizzes.

One source for the progress view, the agenda generator and the quiz widget, so timings and
titles cannot drift apart. Plain data; no I/O."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Chapter:
    number: str  # "07": the same number in notebooks/, exercises/ and solutions/
    slug: str
    title: str
    teach_minutes: int
    exercise_minutes: int

    @property
    def name(self) -> str:
        return f"{self.number}-{self.slug}"

    @property
    def minutes(self) -> int:
        return self.teach_minutes + self.exercise_minutes


CHAPTERS = [
    Chapter("00", "start-here", "Start here", 10, 5),
    Chapter("01", "understanding-networking", "Understanding networking", 15, 10),
    Chapter("02", "personal-network", "Building a personal network", 15, 15),
    Chapter("03", "professional-network", "Building a professional network", 15, 15),
    Chapter("04", "social-media", "Social media for networking", 15, 15),
    Chapter("05", "virtual-networking", "Networking in a virtual world", 15, 10),
    Chapter("06", "overcoming-challenges", "Overcoming challenges", 15, 15),
    Chapter("07", "reciprocity", "Reciprocity: giving and receiving", 15, 15),
    Chapter("08", "networking-plan", "Your networking plan", 10, 20),
]


def chapter(number: str) -> Chapter:
    for ch in CHAPTERS:
        if ch.number == number:
            return ch
    raise KeyError(f"no chapter {number!r}; chapters are {', '.join(c.number for c in CHAPTERS)}")


@dataclasses.dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    options: tuple[str, ...]
    answer: int  # index into options
    feedback: tuple[str, ...]  # one line per option: why it is right or not


QUIZZES: dict[str, list[Question]] = {
    "00": [
        Question(
            "where",
            "Where does the workbook keep what you type into its widgets?",
            (
                "Inside the notebook file, so it travels with the course folder",
                "In one SQLite file in your user data folder (or wherever WORKBOOK_HOME points), outside the course folder",
                "On a course server that your instructor can read",
            ),
            1,
            (
                "No: notebooks are shared and committed; your answers are kept apart from them on purpose.",
                "Right: one private file on your own machine. `python -m workbook where` prints its path.",
                "No: your entries stay in your own data file; the workbook never sends them anywhere.",
            ),
        ),
        Question(
            "sample",
            "Why do the lessons demonstrate on Robin Okafor's fictional network rather than on yours?",
            (
                "So every reader sees the same numbers, and nobody's private contacts appear in a lesson or on the website",
                "Because the tools cannot handle real contacts",
                "Because Robin's network is a model to copy",
            ),
            0,
            (
                "Right: a fixed sample makes the lessons repeatable and keeps your own data out of them.",
                "No: the same tools work on your own workbook in the exercise notebooks.",
                "No: Robin's network has gaps on purpose, so there is something to find in each chapter.",
            ),
        ),
        Question(
            "erase",
            "You have finished the course and want nothing personal left on the machine. What do you do?",
            (
                "Delete the lesson notebooks",
                "Export your workbook if you want to keep a copy, then erase your data file",
                "Nothing: the data disappears when the kernel stops",
            ),
            1,
            (
                "The notebooks hold no personal data, so deleting them leaves your entries where they were.",
                "Right: export first if you want a copy, then erase. Your data lives in one file, so erasing it removes everything.",
                "No: your entries are saved as you go so they survive a restart. That is why erasing is a deliberate step.",
            ),
        ),
        Question(
            "rhythm",
            "What is the intended rhythm of each chapter?",
            (
                "Read only; the exercises are extras for experts",
                "Read a short lesson, try the tools on the sample network, then apply them to your own network",
                "Finish every chapter's reading before touching any tool",
            ),
            1,
            (
                "The exercises are where the course pays off: they turn ideas into actions in your own network.",
                "Right: see it on the sample, then do it for yourself, chapter by chapter.",
                "Each chapter's tool belongs with its reading; trying it straight away is what makes it stick.",
            ),
        ),
    ],
    "01": [
        Question(
            "core",
            "At its core, what is networking?",
            (
                "Collecting as many contacts as you can",
                "Building relationships and looking after them over time",
                "Asking people for jobs or favours",
                "Going to formal events",
            ),
            1,
            (
                "A large list with no relationships behind it rarely helps anyone; the relationship is the point.",
                "Right: both halves matter. Starting a relationship is only the beginning; keeping it alive is the work.",
                "Asking is part of it, but a network built only for asking soon runs dry.",
                "Events are one place it happens, not what it is.",
            ),
        ),
        Question(
            "porous",
            "Your climbing partner mentions that her company is hiring analysts, and you are one. What does this show?",
            (
                "A mistake: friends and work should be kept apart",
                "The line between personal and professional networks is porous: opportunities can cross it either way",
                "That professional networks are unnecessary",
            ),
            1,
            (
                "Keeping some things separate is fine, but a rigid wall would hide opportunities like this one.",
                "Right: a friendship led to a work opportunity. The reverse happens too: colleagues become friends.",
                "No: it shows the two overlap, not that one of them is useless.",
            ),
        ),
        Question(
            "granovetter",
            "Granovetter (1973) asked people who had found a job through a personal contact how often they saw that contact at the time. What did most say?",
            (
                "Often: the contact was usually a close friend",
                "Occasionally or rarely: together about 83% (55.6% occasionally, 27.8% rarely)",
                "Never: the contacts were strangers",
            ),
            1,
            (
                "Only 16.7% saw their contact often. Close friends mostly know what you already know.",
                "Right: acquaintances carried most of the job news, because they move in circles you do not.",
                "No: these were people they knew, just not well. That is what a weak tie is.",
            ),
        ),
        Question(
            "inverted_u",
            "What did the large LinkedIn experiments of Rajkumar et al. (2022) add to the weak-ties idea?",
            (
                "Weak ties do not matter online",
                "Only strong ties lead to new jobs",
                "Moderately weak ties did the most for job mobility (an inverted U), and weak ties mattered more in digital industries",
            ),
            2,
            (
                "No: the experiments found weak ties did help people change jobs, on the world's largest professional network.",
                "No: in more digital industries weak ties beat strong ones. Strong ties helped more only in less digital industries.",
                "Right: too close and they know what you know; too distant and they have little reason to help. The middle pays.",
            ),
        ),
        Question(
            "sort",
            "Why sort your contacts into personal, professional or both?",
            (
                "To decide whom to drop",
                "To see where your network is thin and notice the people who already link your two worlds",
                "Because social platforms require it",
            ),
            1,
            (
                "No: the sort is for noticing, not for cutting anyone off.",
                "Right: the 'both' people are often your bridges, and a thin side shows where to invest.",
                "No: this is for your own reflection; no platform needs it.",
            ),
        ),
    ],
    "02": [
        Question(
            "members",
            "Who belongs in your personal network?",
            (
                "Only close friends and family",
                "Friends, family, neighbours and acquaintances",
                "Only people you met through hobbies",
            ),
            1,
            (
                "Those are the core, but leaving out acquaintances and neighbours misses most of it.",
                "Right: the outer circles count too, and they do more for your everyday wellbeing than people expect.",
                "Hobbies are one source among several; family and neighbours are in it too.",
            ),
        ),
        Question(
            "hours",
            "Hall (2019) followed new friendships as they formed. Roughly how much time together did it take to go from acquaintance to casual friend?",
            ("About 5 hours", "About 40 to 60 hours", "About 500 hours"),
            1,
            (
                "Much more: a few meetings start an acquaintance, but friendship needs repeated time.",
                "Right: around 40-60 hours for a casual friend, 80-100 for a friend, and more than 200 for a close friend.",
                "Far less than that; even a close friendship took a little over 200 hours in his data.",
            ),
        ),
        Question(
            "layers",
            "What do Dunbar's layers describe?",
            (
                "A hard limit of exactly 150 friends that nobody can exceed",
                "Nested circles of roughly 5, 15, 50 and 150 people, each about three times the last, with closeness falling as the circles widen",
                "How many new people you should meet each year",
            ),
            1,
            (
                "No: 150 is an average, people vary, and critics (Lindenfors et al. 2021) doubt any single number can be derived.",
                "Right: a useful map of where your time goes, not a law. Treat the numbers as rough.",
                "No: the layers describe how relationships are arranged, not a target to hit.",
            ),
        ),
        Question(
            "interests",
            "You have just moved to a new city. Which step best uses the idea of aligning your interests with people?",
            (
                "Join a weekly group around something you already enjoy, and keep going back",
                "Go to one big party and hope to click with someone",
                "Message everyone you have ever known at once",
            ),
            0,
            (
                "Right: a shared interest gives you something to talk about, and a weekly habit supplies the hours friendship needs.",
                "One event can start something, but without repeat meetings it rarely grows.",
                "Reaching out is good, but a mass message is neither personal nor local.",
            ),
        ),
        Question(
            "weak_wellbeing",
            "Sandstrom and Dunn (2014) tracked students' daily interactions. On days when students talked with more classmates (weak ties) than usual, what happened?",
            (
                "They felt happier and more that they belonged",
                "They felt more drained and anxious",
                "Nothing changed: only close friends affect mood",
            ),
            0,
            (
                "Right: even brief exchanges with acquaintances lift wellbeing. The barista and the neighbour count.",
                "No: the link went the other way.",
                "No: the study's point is that the periphery of your network matters to how you feel.",
            ),
        ),
    ],
    "03": [
        Question(
            "start",
            "Where does professional networking usually start?",
            (
                "With knowing your industry and taking part in its groups and associations",
                "With sending connection requests to senior leaders",
                "With printing business cards",
            ),
            0,
            (
                "Right: knowledge gives you something to talk about, and groups give you a place to keep showing up.",
                "Cold requests to strangers rarely go far without shared context.",
                "Cards are a tool, not a start: people remember conversations, not cards.",
            ),
        ),
        Question(
            "volunteer",
            "Why might volunteering for a committee of a professional association do more for you than only attending its conference?",
            (
                "It gives you repeated, shared work with peers and leaders, so relationships have time to form",
                "Committees are where jobs are handed out",
                "It does not: attending is always enough",
            ),
            0,
            (
                "Right: working alongside people, again and again, builds trust far faster than one-off small talk.",
                "No promise of that; the benefit is the relationships, which may or may not lead to a job.",
                "Attending helps, but brief meetings fade unless something brings you back together.",
            ),
        ),
        Question(
            "holes",
            "Burt (2004) studied the networks of managers in a large electronics company. Whose ideas were more often judged valuable?",
            (
                "People whose contacts all knew one another",
                "People whose networks spanned structural holes, linking groups that were otherwise apart",
                "Simply the people with the most contacts",
            ),
            1,
            (
                "A tight cluster shares the same views, so it produces fewer new combinations.",
                "Right: brokers see options from several groups at once. Good ideas, pay and promotion clustered with them.",
                "Size alone is not the point: ten contacts who all know each other add little that one of them could not.",
            ),
        ),
        Question(
            "plan",
            "You are going to a meetup next week. What belongs in a conversation plan?",
            (
                "A script to recite word for word",
                "A goal, a couple of openers, questions to ask, and something you can offer",
                "A list of people to avoid",
            ),
            1,
            (
                "A script makes you sound rehearsed and stops you listening.",
                "Right: enough preparation to start and steer a conversation, with an offer so it is not all asking.",
                "Planning is about who to meet and what to say, not who to dodge.",
            ),
        ),
        Question(
            "maintain",
            "After a conference, what keeps the new contacts alive?",
            (
                "Consistent, light-touch communication: a follow-up within days, then occasional check-ins",
                "Waiting until you need something from them",
                "Connecting online and doing nothing else",
            ),
            0,
            (
                "Right: consistency matters in professional networks just as in personal ones.",
                "A first message that asks for something, after months of silence, is the hardest kind to answer.",
                "A connection is a start; without contact it becomes a name in a list.",
            ),
        ),
    ],
    "04": [
        Question(
            "linkedin",
            "What makes LinkedIn especially suited to professional networking?",
            (
                "Its focus on careers: profiles read like CVs and people expect work-related contact there",
                "It is the only place employers look",
                "It keeps your personal life private automatically",
            ),
            0,
            (
                "Right: the shared expectation that contact is about work makes professional outreach feel normal there.",
                "No: employers and collaborators look at other platforms too, which is why your whole presence matters.",
                "No platform does that for you; privacy settings and judgement still matter.",
            ),
        ),
        Question(
            "dual",
            "Facebook, Instagram and X (Twitter) can serve friends and work contacts alike. What is the main risk?",
            (
                "Posts meant for friends reach colleagues or employers without their context",
                "They cannot be used professionally at all",
                "They stop you making friends offline",
            ),
            0,
            (
                "Right: decide who each account is for and set its audience and privacy to match.",
                "No: many people show their work and interests there to great effect.",
                "No: used well they can support offline friendships.",
            ),
        ),
        Question(
            "brand",
            "What is a personal brand, in this course's sense?",
            (
                "A logo and a slogan",
                "The consistent picture of what you care about and are good at, which others form from what you share and do",
                "A paid advertising campaign",
            ),
            1,
            (
                "Graphics are optional; what people remember is what you do and say.",
                "Right: you shape it by being consistent and useful in public, for employers and collaborators alike.",
                "No money needed; it comes from your work and how you share it.",
            ),
        ),
        Question(
            "pymk",
            "Rajkumar et al. (2022) varied LinkedIn's 'People You May Know' suggestions for about 20 million people. Measured by mutual connections, which ties did the most for job mobility?",
            (
                "Ties with a great many mutual connections",
                "Moderately weak ties: some shared connections, but not many",
                "Ties with no mutual connections at all",
            ),
            1,
            (
                "Those people mostly know what you know already.",
                "Right: an inverted U. Enough overlap for trust, little enough for new information.",
                "With nothing in common, there was little reason to pass anything on.",
            ),
        ),
        Question(
            "balance",
            "What is a sound way to manage how friends and colleagues each see you online?",
            (
                "Decide who each platform is for, set privacy to match, and keep your public side consistent with how you want to be known",
                "Post everything everywhere so nothing looks hidden",
                "Delete every account to be safe",
            ),
            0,
            (
                "Right: integrate where it helps, separate where it protects, and be consistent across what is public.",
                "Context collapse: the joke for friends lands in front of a recruiter.",
                "That gives up the benefits; careful use is better than none.",
            ),
        ),
    ],
    "05": [
        Question(
            "impression",
            "With no handshake or hallway chat, how do you make an impression at a virtual event?",
            (
                "Keep your camera off and listen quietly",
                "Take part: ask a thoughtful question, add to the chat, and follow up afterwards",
                "Send connection requests to every attendee during the talk",
            ),
            1,
            (
                "Listening is fine, but nobody will know you were there.",
                "Right: active participation, good questions and a follow-up are how people remember you online.",
                "Requests with no context are easy to ignore; a specific note after the event works better.",
            ),
        ),
        Question(
            "followup",
            "A webinar speaker answered your question well. When and how should you follow up?",
            (
                "Within a day or two, with a short note naming what helped and one specific offer or next step",
                "Months later, when you need something",
                "Straight away, with your CV attached",
            ),
            0,
            (
                "Right: prompt, specific and generous. It shows you listened.",
                "By then they will not remember you, and the first thing you send is a request.",
                "Too much too soon; thank them first and let the relationship grow.",
            ),
        ),
        Question(
            "brucks",
            "Brucks and Levav (2022) compared pairs working face to face and over video. What did they find?",
            (
                "Video pairs came up with fewer creative ideas, though they were no worse at choosing between ideas",
                "Video was better in every way",
                "There was no difference at all",
            ),
            0,
            (
                "Right: staring at a screen narrows attention. Save open-ended brainstorming for a walk, a call or an in-person meeting when you can.",
                "No: idea generation suffered on video.",
                "No: there was a clear gap in how many creative ideas pairs produced.",
            ),
        ),
        Question(
            "informal",
            "Which is an informal way to keep a remote tie warm?",
            (
                "A 20-minute video coffee with no agenda beyond catching up",
                "A formal meeting request with slides",
                "Adding them to a monthly mass newsletter",
            ),
            0,
            (
                "Right: short, personal and unhurried, like the corridor chat remote work removes.",
                "Useful for business, but it is not a catch-up.",
                "Broadcasts are not conversations; a personal note works better.",
            ),
        ),
    ],
    "06": [
        Question(
            "name_it",
            "What is the first step in overcoming an obstacle to networking?",
            (
                "Naming it: acknowledging what is getting in your way",
                "Forcing yourself to attend the biggest events you can find",
                "Waiting until you feel confident",
            ),
            0,
            (
                "Right: shyness, cultural uncertainty or lack of time each call for a different strategy, so start by saying which it is.",
                "Throwing yourself in at the deep end often confirms the fear instead of easing it.",
                "Confidence usually follows action, not the other way round.",
            ),
        ),
        Question(
            "liking_gap",
            "After a first conversation, how do people's guesses of how much the other person liked them compare with reality (Boothby et al. 2018)?",
            (
                "They overestimate it",
                "They underestimate it: they were liked more than they thought",
                "They guess accurately",
            ),
            1,
            (
                "The opposite: we are our own harshest critics.",
                "Right: the liking gap. If you felt a conversation went badly, it probably went better than you think.",
                "No: the gap appeared across short and long conversations and lasted months among new roommates.",
            ),
        ),
        Question(
            "culture",
            "Meyer's The Culture Map (2014) shows, for example, that some cultures build trust through tasks and others through relationships. What follows when you network across cultures?",
            (
                "Learn what counts as polite and trust-building for the other person, and ask when unsure",
                "Treat everyone exactly as you would at home",
                "Avoid people from other cultures so you make no mistakes",
            ),
            0,
            (
                "Right: curiosity and respect for nuances travel well; a note in your plan helps you remember.",
                "Your home habits may read as rude or cold elsewhere; adjusting is a courtesy.",
                "That throws away some of the most valuable bridges you could build.",
            ),
        ),
        Question(
            "time",
            "You never seem to find time to network. What does the chapter recommend?",
            (
                "Block a small, regular slot in your calendar for it",
                "Only network when you are looking for a job",
                "Do it all in one marathon week a year",
            ),
            0,
            (
                "Right: a recurring 30 minutes beats good intentions. Put it in your calendar as a repeating event.",
                "Then every contact starts with a request, and the relationships are not there when you need them.",
                "Relationships need regular contact, not one burst.",
            ),
        ),
        Question(
            "ask",
            "Flynn and Lake (2008) had people ask strangers for small favours. How well did they predict how many would agree?",
            (
                "They overestimated how many would say yes",
                "They underestimated it, by as much as half",
                "They predicted accurately",
            ),
            1,
            (
                "The reverse: people were more willing than expected.",
                "Right: people forget how awkward it is to say no. A polite, specific request is more likely to succeed than you fear.",
                "No: there was a large, repeated gap.",
            ),
        ),
    ],
    "07": [
        Question(
            "norm",
            "In Regan's 1971 experiment, what did an unasked-for favour (a free soft drink) do?",
            (
                "Nothing measurable: people ignore small favours",
                "It roughly doubled how many raffle tickets people bought from the giver",
                "It made people avoid the giver",
            ),
            1,
            (
                "Not quite: the favour had a clear effect, even though nobody asked for it.",
                "Right: people who had received the drink bought about twice as many tickets. The pull to repay is strong.",
                "No: the effect went the other way, towards helping the giver.",
            ),
        ),
        Question(
            "givers",
            "Adam Grant sorts people into givers, matchers and takers. Which group did he find at the top of success measures?",
            ("Takers", "Matchers", "Givers, though givers were also over-represented at the bottom"),
            2,
            (
                "No: takers often do well early but lose trust over time.",
                "Matchers tend to sit in the middle: they keep the books even.",
                "Right: givers were at both ends. Giving that protects your own time and goals is what rises to the top.",
            ),
        ),
        Question(
            "small",
            "Which of these is a small, concrete way to give to a contact this week?",
            (
                "Wait until they ask you for something",
                "Send an article on a topic they care about, with one line on why you thought of them",
                "Post a generic 'let me know if I can help' message to everyone",
            ),
            1,
            (
                "Waiting puts the whole effort on them; offering first is what builds the relationship.",
                "Right: specific, cheap to give, and it shows you were listening.",
                "Generic offers are easy to ignore; a specific offer to one person lands better.",
            ),
        ),
        Question(
            "tracker",
            "What is the reciprocity tracker for?",
            (
                "Keeping score so that nobody owes you anything",
                "Noticing relationships where you have asked more than you offered, so you can give back",
                "Deciding which contacts to drop",
            ),
            1,
            (
                "No: strict scorekeeping turns a relationship into a transaction. The tracker is for reflection.",
                "Right: it is a mirror for your own habits, not a ledger of debts.",
                "No: an imbalance is a prompt to give, not a reason to end a relationship.",
            ),
        ),
    ],
    "08": [
        Question(
            "pillars",
            "The course ends on three things that make a network last. Which three?",
            (
                "Steady effort, methods that work and real curiosity about other people",
                "Luck, charm and a long contact list",
                "A good photo, a slogan and a big budget",
            ),
            0,
            (
                "Right: regular small actions, ways of meeting and following up that work, and interest in people for their own sake.",
                "None of these keeps a relationship alive over years.",
                "Presentation helps a little; relationships are built by what you do.",
            ),
        ),
        Question(
            "dormant",
            "Levin, Walter and Murnighan (2011) asked executives to get advice from contacts they had been out of touch with for years. How did it compare with advice from current contacts?",
            (
                "It was worthless: the ties had faded",
                "It compared favourably, and was often more novel",
                "It was exactly the same",
            ),
            1,
            (
                "No: the shared history was still there, and the gap meant they had learned new things.",
                "Right: dormant ties combine trust from the past with fresh information from the years apart.",
                "No: the reconnections were more novel than current ties.",
            ),
        ),
        Question(
            "reach_out",
            "You hesitate to message a former colleague after three years of silence. What does Liu et al. (2023) suggest?",
            (
                "People underestimate how much others appreciate being reached out to, so send the message",
                "Only reach out when you have something to ask, so the message has a purpose",
                "Wait for them to contact you first",
            ),
            0,
            (
                "Right: the surprise is part of the pleasure. The longer the silence, the more welcome a friendly note tends to be.",
                "A hello with no request is exactly the kind of message people appreciate more than senders expect.",
                "They may be waiting for you, for the same reasons.",
            ),
        ),
        Question(
            "specific",
            "Which is the best-written item for a 30/60/90-day plan?",
            (
                "Network more",
                "By day 30, have coffee with two former colleagues and send each a useful follow-up within a week",
                "Become well connected in my industry",
            ),
            1,
            (
                "Too vague to act on or check.",
                "Right: specific, dated and small enough to do, with the follow-up built in.",
                "A fine direction, but not an action; break it into steps with dates.",
            ),
        ),
        Question(
            "review",
            "What makes a 30/60/90-day plan work after you write it?",
            (
                "Reviewing it at each milestone: what happened, what to keep, what to change",
                "Writing it once and never looking again",
                "Making it as long as possible",
            ),
            0,
            (
                "Right: the milestones are check-ins. A plan you revisit becomes a habit.",
                "Unreviewed plans quietly expire.",
                "A short plan you follow beats a long one you abandon.",
            ),
        ),
    ],
}
