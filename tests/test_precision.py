"""Sentences a writer would publish that must never raise an alarm (no `contradicted`).

Practical writing (law-firm posts, FAQ pages) is full of denials narrower than a role, past
arrangements and contrasts of place; each line here was a false alarm once or guards a rule
that prevents one.
"""

from __future__ import annotations

import pytest

NEVER_CONTRADICTED = [
    "If you are detained by ICE, call a lawyer immediately.",
    # the review of the possessive, custody, quotation, 'they' and 'the agency' rules: a
    # possessive takes a place for granted; custody is also criminal; marks that are no
    # quotation; an object before is no doer; people are no antecedent of 'these'
    "Reporters keep writing about ICE's Air and Marine Operations, which belongs to CBP.",
    "The phrase ICE's Air and Marine Operations is a common mistake; the office is part of CBP.",
    "The Attorney General's Board of Immigration Appeals reviews decisions of the judges.",
    "Nobody is ever transferred to USCIS custody.",
    "No one ends up in State Department custody.",
    "The suspects were taken into FBI custody after the raid.",
    "Smuggling suspects are held in HSI custody until charges are filed.",
    "Unaccompanied children are placed in HHS custody.",
    "The State Department decides whether you can enter the diversity visa lottery.",
    "An immigration judge may decide whether you can be admitted.",
    "Lawyers from the Office of Immigration Litigation argue for removal in the federal appeals courts.",
    "Consular officers interview visa applicants; these are later admitted or turned away by CBP.",
    "No decision on an asylum claim is made by CBP officers.",
    "The officer referred her to ICE. Her asylum claim was later decided by the agency.",
    "In 2018, hundreds of asylum claims were decided by CBP officers at the border.",
    "In 2011, E-Verify, a program then run by ICE, grew fast.",
    # shared false alarms the review found: the agent after 'but', 'never' hung on the
    # subject, the first sentence of a quotation put down to someone after it
    "Work permits are not issued by ICE but by USCIS.",
    "CBP never, in any case, grants asylum.",
    '"CBP grants asylum at the border. It also issues green cards," the flyer said.',
    "CBP, many people say, grants asylum.",
    "He asked whether ICE issues visas; no one answered.",
    "We wondered if TSA grants green cards.",
    # what an agency is told or asked to do is an instruction, not its role
    "USCIS was told to deport more people.",
    "CBP was asked to issue green cards faster.",
    # the review of this stop: 'No one who ...' denies; 'whether X can stay' is not only
    # removal; admitting a child to a shelter is no entry; a past interview is an event; a
    # referral names who gets the case; the Coast Guard may serve under the Navy in wartime
    "No one who grants asylum is from CBP.",
    "No one who works for ICE is an immigration judge.",
    "No person who works for CBP is a consular officer.",
    "USCIS decides whether a DACA recipient can stay.",
    "USCIS decides whether a visitor can stay longer than the date on the I-94.",
    "ORR makes the decision to admit a child into a shelter.",
    "His credible fear interview was with a CBP officer.",
    "Your case may be referred to ICE for removal proceedings.",
    "In wartime, the Coast Guard can operate as part of the Navy under the Department of Defense.",
    # a table row whose middle cell is the denial
    "| HHS ORR | does not | Decide who may stay in the country |",
    "ICE does not need a warrant to arrest you in a public place.",
    "ICE no longer detains families at that facility.",
    "ICE cannot deport you while your appeal is pending at the BIA.",
    "Border Patrol agents work between ports of entry, not at airports.",
    "ICE used to be part of the INS.",
    # the cue stands on the construction's predicate, not on the verb it reads
    "Frankly, I think CBP should be the one doing asylum interviews.",
    # an agency named as a unit is not its own whole ("X's arm is AMO")
    "Its air and sea arm is CBP's Air and Marine Operations.",
    "CBP's air and sea arm is Air and Marine Operations.",
    # the unit owned by DHS is the subject, not DHS
    "TSA and FEMA are separate DHS components, not parts of CBP or ICE.",
    # taking part in a role is not performing it
    "The State Department plays a role in green card cases filed abroad.",
    "CBP plays a part in issuing visas to some travelers.",
    # where an agency once was is history, not a present structure
    "Back in the 1980s the Border Patrol was part of the INS.",
    "The Border Patrol fell under the INS until 2003.",
    # a heading's agency does not reach items under a lead that denies or reports
    "USCIS\nThings it does not do:\n- Issue visas\n",
    "Myths about ICE:\n- Issues green cards\n",
    "USCIS does not deport people; ICE does.",
    # a claim named to be judged, and a quote put down to someone else, are not asserted
    "The claim that Border Patrol runs the immigration courts is false.",
    "\"ICE approves citizenship applications,\" according to a flyer handed out downtown.",
    # deciding whether someone qualifies is not the job-qualification review of petitions
    "Consular officers at the embassy interview each family and decide whether they qualify.",
    "At the consulate, officers of Consular Affairs decide whether applicants qualify.",
    # two clauses the parser glues into one: the second subject's act is not the first's
    "DHS grants the waiver and the State Department prints the visa foil.",
    "USCIS approves the petition and the consulate issues the visa.",
    # a passive with a place and an agent each, listed: which place is whose is a guess
    "The agency's security work is done at ports of entry by officers from the Office of Field "
    "Operations, along the land borders by agents from the Border Patrol and over the water by "
    "crews from Air and Marine Operations.",
    "CBP's enforcement mission is led at airports by officers from the Office of Field "
    "Operations and along the borders by agents from the Border Patrol.",
    "CBP doesn't issue visas, the State Department does.",
    "ICE does not detain U.S. citizens, at least not legally.",
    "ICE does not deport U.S. citizens.",
    "ICE does not arrest people at churches.",
    "USCIS does not issue green cards to people with criminal records.",
    "ICE does not deport people with pending asylum cases in most circumstances.",
    "CBP does not inspect every container that arrives.",
    "CBP does not always inspect cargo at ports of entry.",
    "ICE does not deport anyone without a final order.",
    "ERO officers do not carry out arrests inside courthouses under the current policy.",
    '"ICE issues green cards," the senator claimed, wrongly.',
    "“ICE issues green cards,” he said.",
    "Some say ICE issues visas.",
    "ICE supposedly issues visas.",
    "ICE should not detain asylum seekers.",
    "ICE should issue green cards.",
    "A retired Border Patrol agent told us he used to issue visas.",
    # the visas are what the petitions are needed for, not what USCIS approves
    "USCIS does not issue visas, but rather approves petitions and applications necessary to "
    "apply for certain visa classifications.",
    "The Border Patrol, a unit of CBP, which is a sister agency of ICE, patrols the border.",
    # 'detention and removal operations' is an object here, not the subject of 'adjudicates'
    "ICE is responsible for interior enforcement and detention and removal operations, and "
    "USCIS adjudicates applications and petitions for naturalization benefits.",
    "It's not ICE that issues green cards.",
    "No ICE officer can grant asylum.",
    "Deportation orders don't come from ICE.",
    # found by a review of the rules of this change
    "USCIS - not ICE - processes green cards.",
    "ICE - Processes for Green Card Holders",
    "USCIS's Administrative Appeals Office issues precedent decisions that bind USCIS officers.",
    "The U visa, a USCIS program for crime victims, protects immigrants who help police.",
    "USCIS approves no petitions that lack the required evidence.",
    "EOIR grants no asylum to people who miss the one-year deadline.",
    "USCIS approved no H-1B petitions for that employer.",
    "The raid has nothing to do with ICE.",
    "ICE attorneys report to the director of OPLA.",
    "CBP conducts an interview for asylum seekers at the border before referring them to USCIS.",
    "The former director of ICE now decides asylum cases as an immigration judge.",
    # the litigants appeal, not the Board
    "The Board of Immigration Appeals is the body to whom litigants may appeal their decisions "
    "from immigration judges.",
    # 'the Board' is not the judges of the sentence before
    "Immigration judges decide cases. The Board then reviews appeals.",
    # 'it' is E-Verify, the subject, not DHS
    "E-Verify compares a new hire's I-9 information with DHS and SSA records. It is run by USCIS.",
    # a fronted phrase the parser took for a second subject
    "Inside immigration courts run by the Justice Department, ICE attorneys represent DHS in "
    "removal hearings.",
    # a denial under 'when' is the case spoken of, not a denial of the role
    "When USCIS does not grant an asylum application, it refers the applicant to an "
    "immigration judge.",
    # 'not of USCIS': the contrast reaches through a preposition
    "Issuing visas is the job of consular officers at the State Department, not of USCIS.",
    # 'removal' inside 'expedited removal' is no removal order of its own
    "CBP and ICE officers may order the expedited removal of some travelers without a hearing "
    "before a judge.",
    # what a recipient agency does with what it is sent is its own act
    "USCIS forwards approved petitions to the State Department for visa processing.",
    # a verdict label, a 'Claim:' label and hearsay: the claim judged, not asserted
    "Fact check: 'ICE issues green cards' — FALSE",
    "Claim: ICE issues green cards.",
    "You may have heard that ICE issues green cards.",
    # found by the review of that change: a past word on the predicate is history, and an
    # ellipsis with another adverb says something else
    "The TSA, formerly part of the Department of Transportation, screens passengers.",
    "The Coast Guard, originally part of the Department of Transportation, now sits in DHS.",
    "The Coast Guard, part of the Department of Transportation until 2003, now serves in DHS.",
    "The State Department issues visas. USCIS no longer does.",
    "Consular officers issue visas. USCIS hardly ever does.",
    "USCIS\tDepartment of Justice\n",
]


@pytest.mark.parametrize("text", NEVER_CONTRADICTED)
def test_no_false_alarm(engine, text):
    findings = engine.check(text)
    alarms = [(f.claim.agency, f.claim.key, f.claim.polarity, f.claim.scope)
              for f in findings if f.verdict == "contradicted"]
    assert not alarms, alarms


@pytest.mark.parametrize(("text", "verdict"), [
    # the same denials, about the role itself, still contradict
    ("ICE does not deport people.", "contradicted"),
    ("CBP does not inspect cargo at ports of entry.", "contradicted"),
    ("Border Patrol agents work at ports of entry.", "contradicted"),
    ("Border Patrol agents work between ports of entry.", "supported"),
    ("ICE is part of DHS.", "supported"),
    # the rules above leave the plain claims alone
    ("ICE attorneys represent the government in immigration court.", "supported"),
    ("USCIS does not grant asylum.", "contradicted"),
    ("Issuing visas is the job of USCIS.", "contradicted"),
    ("ICE officers order removal after a hearing.", "contradicted"),
    ("USCIS handles visa processing for the State Department.", "contradicted"),
    ("ICE issues green cards. That is how it works.", "contradicted"),
    ("The TSA is part of the Department of Transportation.", "contradicted"),
    ("ICE does not issue green cards. USCIS does.", "supported"),
])
def test_the_role_itself_is_still_judged(engine, text, verdict):
    from remit.records import roll_up

    assert roll_up(engine.check(text)) == verdict
