"""The demo's news items (Thai, with English), dated relative to the day the demo is loaded."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoNews:
    days_ago: int  # negative: scheduled in the future
    title: str
    title_en: str
    summary: str
    summary_en: str
    body: str
    body_en: str = ""
    scene: str = ""
    image_alt: str = ""
    image_alt_en: str = ""
    draft: bool = False


NEWS = [
    DemoNews(
        days_ago=3,
        title="กลุ่มใหญ่ทั่วจังหวัดเตรียมประชุมสมาชิกรอบเดือนมกราคม",
        title_en="Large groups across the province prepare for the January members' meetings",
        summary="คณะกรรมการเครือข่ายจังหวัดขอให้กลุ่มใหญ่ทุกกลุ่มนัดประชุมสมาชิกภายในเดือนมกราคม และส่งรายงานการประชุมภายในสิ้นเดือน",
        summary_en="The provincial committee asks every large group to hold its members' meeting in January and send the minutes by the end of the month.",
        body="""ตามระเบียบของโครงการ กลุ่มใหญ่ต้องประชุมสมาชิกอย่างน้อยปีละสองครั้ง ในเดือนมกราคมและเดือนกรกฎาคม คณะกรรมการเครือข่ายจังหวัดจึงขอให้ประธานกลุ่มใหญ่ทุกกลุ่มกำหนดวันประชุมและแจ้งสมาชิกล่วงหน้าอย่างน้อยหนึ่งสัปดาห์

## วาระที่ควรมีในการประชุม
- รายงานจำนวนสมาชิก จำนวนกลุ่มย่อย และยอดเงินออมของกลุ่ม
- รายงานการชำระหนี้ของผู้กู้ในกลุ่ม และแนวทางช่วยเหลือผู้ที่มีปัญหา
- แผนกิจกรรมครึ่งปีแรก เช่น การอบรมวางแผนการเงินหรือการส่งเสริมอาชีพเสริม

เมื่อประชุมแล้ว ขอให้ส่งสำเนารายงานการประชุมถึงคณะกรรมการจังหวัดภายในสิ้นเดือนมกราคม""",
        body_en="""Under the project's rules, a large group holds a members' meeting at least twice a year, in January and in July. The provincial committee asks every large-group chair to set a date and tell members at least a week ahead.

## Items for the agenda
- Number of members, number of small groups and the group's savings total
- Repayments of the group's borrowers, and how to help those in difficulty
- Activities for the first half of the year, such as financial-planning training or side-income projects

After the meeting, please send a copy of the minutes to the provincial committee by the end of January.""",
        scene="meeting",
        image_alt="ภาพประกอบ: สมาชิกนั่งประชุมหน้าป้ายของเครือข่าย",
        image_alt_en="Illustration: members seated at a meeting in front of the network's banner",
    ),
    DemoNews(
        days_ago=10,
        title="อบรมวางแผนการเงินครอบครัวสำหรับสมาชิกใหม่ อำเภอเมืองกำแพงเพชร",
        title_en="Family financial planning course for new members in Mueang Kamphaeng Phet",
        summary="สมาชิกใหม่กว่า 60 คนเรียนการทำบัญชีรายรับรายจ่าย การจัดลำดับหนี้ และการตั้งเป้าหมายการออม",
        summary_en="Over 60 new members learned to keep household accounts, rank their debts and set savings goals.",
        body="""เครือข่ายพัฒนาชีวิตครูอำเภอเมืองกำแพงเพชร ร่วมกับธนาคารออมสินสาขาในพื้นที่ จัดอบรมการวางแผนการเงินครอบครัวให้สมาชิกที่เข้าร่วมโครงการในปีนี้

วิทยากรชวนผู้เข้าอบรมจดรายรับรายจ่ายของตนเองย้อนหลังหนึ่งเดือน แล้วแยกรายจ่ายที่จำเป็นออกจากรายจ่ายที่ลดได้ จากนั้นเรียงหนี้ทุกก้อนตามอัตราดอกเบี้ย เพื่อวางแผนปิดหนี้ดอกเบี้ยสูงก่อน

ผู้เข้าอบรมหลายคนบอกว่าเพิ่งเห็นภาพรวมของหนี้ตัวเองชัดเจนเป็นครั้งแรก และตั้งใจจะออมเพิ่มเดือนละเล็กน้อยทุกเดือน""",
        body_en="""The Mueang Kamphaeng Phet large group, together with the local Government Savings Bank branch, ran a family financial planning course for members who joined this year.

The trainers asked each participant to write down a month of income and spending, then separate what is necessary from what can be cut. Next, they listed every debt by interest rate, to plan paying off the most expensive ones first.

Several participants said it was the first time they had seen all their debts clearly, and they plan to save a little more every month.""",
        scene="savings",
        image_alt="ภาพประกอบ: กองเหรียญที่สูงขึ้นเรื่อย ๆ และกระปุกออมสิน",
        image_alt_en="Illustration: stacks of coins growing taller and a piggy bank",
    ),
    DemoNews(
        days_ago=18,
        title="ธนาคารออมสินมอบทุนสนับสนุนแก่กลุ่มใหญ่ที่ผู้กู้ชำระหนี้ครบทุกคน",
        title_en="Savings bank grants support money to large groups whose borrowers all repaid",
        summary="สามกลุ่มใหญ่ในจังหวัดได้รับทุนสนับสนุน เพราะผู้กู้ทุกคนชำระหนี้ครบตลอดปีที่ผ่านมา",
        summary_en="Three large groups in the province received a support grant because every borrower repaid in full over the past year.",
        body="""ธนาคารออมสินมอบทุนสนับสนุนแก่กลุ่มใหญ่ที่ผู้กู้ทุกคนชำระหนี้ครบถ้วนร้อยเปอร์เซ็นต์ ตามหลักการเสริมสร้างขวัญกำลังใจของโครงการ

ประธานกลุ่มใหญ่กลุ่มหนึ่งเล่าว่า ความสำเร็จมาจากการที่กลุ่มย่อยคุยกันทุกเดือนก่อนวันหักเงินเดือน ใครมีปัญหาจะบอกกันตั้งแต่เนิ่น ๆ เพื่อนในกลุ่มจึงช่วยหาทางออกได้ทัน

ทุนที่ได้รับ กลุ่มจะนำไปใช้ตามระเบียบ เช่น สมทบกองทุนสำรองของกลุ่ม และจัดกิจกรรมพัฒนาอาชีพเสริมให้สมาชิก""",
        body_en="""The Government Savings Bank gave support grants to large groups whose borrowers all repaid in full, as the project's principle of rewarding good results provides.

One large-group chair said the success came from small groups talking every month before payday: anyone in difficulty speaks up early, so the group can find a way out in time.

The groups will use the grants under their rules, for example adding to the reserve fund and running side-income activities for members.""",
    ),
    DemoNews(
        days_ago=25,
        title="เตือนกำหนดส่งรายงานสถานะกลุ่มใหญ่ประจำเดือน",
        title_en="Reminder: monthly large-group status reports are due",
        summary="ทุกสิ้นเดือน กลุ่มใหญ่รายงานจำนวนสมาชิก จำนวนกลุ่มย่อย ยอดเงินออม และรายชื่อคณะกรรมการหากมีการเปลี่ยนแปลง",
        summary_en="At the end of every month, each large group reports its members, small groups, savings total and any change in its committee.",
        body="""ขอให้นายทะเบียนและเหรัญญิกของกลุ่มใหญ่ทุกกลุ่มส่งรายงานสถานะของกลุ่มภายในวันทำการสุดท้ายของเดือน ถึงเครือข่ายเขตพื้นที่การศึกษา ธนาคารออมสินสาขา และคณะกรรมการจังหวัด

รายงานประกอบด้วย
- จำนวนสมาชิก
- จำนวนกลุ่มย่อย
- ยอดเงินออมรวม
- รายชื่อคณะกรรมการ เฉพาะเดือนที่มีการเปลี่ยนแปลง

กลุ่มใดมีสมาชิกลาออก เกษียณ หรือย้าย ขอให้ปรับทะเบียนสมาชิกให้เป็นปัจจุบันก่อนส่งรายงาน""",
        body_en="""Registrars and treasurers of every large group, please send the group's status report by the last working day of the month to the area network, the bank branch and the provincial committee.

The report contains:
- number of members
- number of small groups
- savings total
- the committee list, only in months when it changed

If members have resigned, retired or moved, please bring the member register up to date before reporting.""",
    ),
    DemoNews(
        days_ago=33,
        title="เปิดรับผลงานดีเด่นของสมาชิกประจำปี",
        title_en="Call for this year's outstanding member work",
        summary="ส่งผลงานได้สามด้าน คือ การเพิ่มรายได้ ผลงานทางวิชาการ และการจัดการเรียนการสอน ผ่านคณะกรรมการกลุ่มใหญ่",
        summary_en="Work can be put forward in three fields, increasing income, academic work and teaching, through the large-group committee.",
        body="""เครือข่ายจังหวัดเชิญชวนสมาชิกส่งผลงานที่ภาคภูมิใจ เพื่อเผยแพร่ในเว็บไซต์และแลกเปลี่ยนเรียนรู้ระหว่างกลุ่ม

## ผลงานสามด้าน
- การเพิ่มรายได้: อาชีพเสริมที่ช่วยให้ปลดหนี้หรือออมได้มากขึ้น
- ผลงานทางวิชาการ: งานวิจัย บทความ หรือเอกสารที่เป็นประโยชน์ต่อเพื่อนครู
- การจัดการเรียนการสอน: วิธีสอนหรือสื่อที่ช่วยให้นักเรียนเรียนรู้ได้ดีขึ้น

ส่งคำอธิบายผลงานพร้อมภาพถ่ายสองถึงสามภาพให้คณะกรรมการกลุ่มใหญ่ของท่าน""",
        body_en="""The provincial network invites members to put forward work they are proud of, to be published on this site and shared between groups.

## Three fields
- Increasing income: side occupations that help pay off debt or save more
- Academic work: research, articles or documents useful to fellow teachers
- Teaching: methods or materials that help students learn better

Send a description of the work with two or three photographs to your large-group committee.""",
        scene="books",
        image_alt="ภาพประกอบ: ชั้นหนังสือและกระดาษบันทึกบนโต๊ะ",
        image_alt_en="Illustration: a shelf of books and a note on the desk",
    ),
    DemoNews(
        days_ago=41,
        title="ตลาดนัดผลผลิตของสมาชิก ครั้งที่ 3",
        title_en="Third members' produce market",
        summary="สมาชิกจากหลายอำเภอนำผักปลอดสารพิษ ไข่ไก่ และขนมแปรรูปมาจำหน่ายที่ลานหน้าสำนักงานเขตพื้นที่",
        summary_en="Members from several districts sold chemical-free vegetables, eggs and home-made snacks in front of the area office.",
        body="""ตลาดนัดผลผลิตของสมาชิกจัดขึ้นเป็นครั้งที่สาม มีร้านของสมาชิกมาร่วมกว่า 30 ร้าน ทั้งผักปลอดสารพิษ ไข่ไก่ กล้วยตาก น้ำพริก และงานฝีมือ

คณะกรรมการเครือข่ายตั้งใจให้ตลาดเป็นช่องทางขายและเป็นที่แลกเปลี่ยนความรู้เรื่องอาชีพเสริม สมาชิกที่สนใจเริ่มอาชีพเสริมสามารถพูดคุยกับเจ้าของร้านได้โดยตรง

ตลาดครั้งต่อไปจะจัดในช่วงปิดภาคเรียน ติดตามวันและสถานที่ได้จากข่าวของเครือข่าย""",
        body_en="""The members' produce market was held for the third time, with more than 30 members' stalls: chemical-free vegetables, eggs, dried bananas, chilli pastes and handicrafts.

The committee means the market to be both a place to sell and a place to learn about side occupations: members who want to start one can talk to stall holders directly.

The next market will be held during the school break; watch the network's news for the date and place.""",
        scene="garden",
        image_alt="ภาพประกอบ: แปลงผักของสมาชิกในวันที่ท้องฟ้าแจ่มใส",
        image_alt_en="Illustration: a member's vegetable beds on a clear day",
    ),
    DemoNews(
        days_ago=52,
        title="สามฝ่ายร่วมวางแนวทางป้องกันการผิดนัดชำระหนี้",
        title_en="The three partners agree steps to prevent defaults",
        summary="ผู้แทนกระทรวง ธนาคาร และเครือข่ายตกลงให้กลุ่มย่อยติดตามกันก่อนวันหักเงินเดือน และแจ้งปัญหาภายในสัปดาห์แรก",
        summary_en="Representatives of the ministry, the bank and the network agreed that small groups check in before payday and raise problems within the first week.",
        body="""ที่ประชุมสามฝ่ายระดับจังหวัดทบทวนสถานการณ์การชำระหนี้ และย้ำว่าการผิดนัดของผู้กู้เพียงไม่กี่คนอาจทำให้ทั้งกลุ่มใหญ่ถูกชะลอการขยายโครงการ หากจำนวนผู้ผิดนัดเกินร้อยละ 0.5 ของผู้กู้

## แนวทางที่ตกลงกัน
1. กลุ่มย่อยคุยกันทุกเดือนก่อนวันหักเงินเดือน
2. สมาชิกที่มีปัญหาแจ้งประธานกลุ่มย่อยภายในสัปดาห์แรกของเดือน
3. คณะกรรมการกลุ่มใหญ่ประสานธนาคารสาขาเพื่อหาทางผ่อนปรนตามหลักเกณฑ์
4. เครือข่ายเขตพื้นที่ติดตามกลุ่มที่มีสัญญาณเสี่ยงเป็นรายเดือน""",
        body_en="""The provincial three-party meeting reviewed repayments and stressed that a few defaulters can slow the expansion of a whole large group, once defaulters exceed 0.5% of its borrowers.

## Steps agreed
1. Small groups talk every month before payday.
2. A member in difficulty tells the small-group head within the first week of the month.
3. The large-group committee works with the bank branch on relief within the rules.
4. The area network follows groups showing warning signs every month.""",
    ),
    DemoNews(
        days_ago=64,
        title="กลุ่มใหญ่อำเภอคลองขลุงเลือกตั้งคณะกรรมการบริหารชุดใหม่",
        title_en="Khlong Khlung large group elects a new executive committee",
        summary="สมาชิกเลือกประธาน รองประธาน นายทะเบียน เหรัญญิก และเลขานุการชุดใหม่ โดยเปิดให้ลงคะแนนลับ",
        summary_en="Members elected a new chair, vice chair, registrar, treasurer and secretary by secret ballot.",
        body="""เครือข่ายพัฒนาชีวิตครูอำเภอคลองขลุงจัดประชุมเลือกตั้งคณะกรรมการบริหารกลุ่มใหญ่ชุดใหม่ สมาชิกมาร่วมลงคะแนนลับเป็นจำนวนมาก

คณะกรรมการชุดใหม่ประกอบด้วยประธานกรรมการ รองประธานกรรมการ นายทะเบียน เหรัญญิก เลขานุการ และกรรมการ รายชื่อคณะกรรมการแสดงในหน้าเครือข่ายกลุ่มใหญ่ของเว็บไซต์นี้

กลุ่มใหญ่จะแจ้งรายชื่อคณะกรรมการชุดใหม่ในรายงานสถานะประจำเดือนนี้ ถึงเครือข่ายเขตพื้นที่ ธนาคารสาขา และคณะกรรมการจังหวัด""",
        body_en="""The Khlong Khlung large group held an election for its new executive committee, with many members casting secret ballots.

The new committee has a chair, a vice chair, a registrar, a treasurer, a secretary and committee members. Their names are shown on the large groups' page of this site.

The group will include the new committee list in this month's status report to the area network, the bank branch and the provincial committee.""",
        scene="meeting",
        image_alt="ภาพประกอบ: สมาชิกกลุ่มใหญ่มาร่วมประชุมเลือกตั้ง",
        image_alt_en="Illustration: large-group members gathered for the election",
    ),
    DemoNews(
        days_ago=80,
        title="สมาชิกร่วมกิจกรรมจิตอาสาวันครู",
        title_en="Members volunteer on Teachers' Day",
        summary="สมาชิกเครือข่ายร่วมทาสีอาคารเรียนและซ่อมโต๊ะเก้าอี้ให้โรงเรียนขนาดเล็กในอำเภอปางศิลาทอง",
        summary_en="Network members painted classrooms and repaired desks for a small school in Pang Sila Thong.",
        body="""ในโอกาสวันครู สมาชิกเครือข่ายกว่า 40 คนรวมตัวกันทำกิจกรรมจิตอาสาที่โรงเรียนขนาดเล็กแห่งหนึ่งในอำเภอปางศิลาทอง ทาสีห้องเรียน ซ่อมโต๊ะเก้าอี้ และจัดมุมหนังสือให้นักเรียน

กิจกรรมนี้สะท้อนหลักการของโครงการที่ให้สมาชิกช่วยเหลือเกื้อกูลกัน และดูแลชุมชนรอบโรงเรียนไปพร้อมกัน""",
        body_en="""For Teachers' Day, more than 40 network members volunteered at a small school in Pang Sila Thong: they painted classrooms, repaired desks and chairs and set up a reading corner.

The day reflects the project's principle of members helping each other and caring for the community around their schools.""",
        scene="classroom",
        image_alt="ภาพประกอบ: ห้องเรียนที่มีกระดานดำและโต๊ะนักเรียน",
        image_alt_en="Illustration: a classroom with a blackboard and pupils' desks",
    ),
    DemoNews(
        days_ago=95,
        title="สรุปการประชุมคณะกรรมการเครือข่ายจังหวัด ครั้งที่ 4",
        title_en="Summary of the fourth provincial committee meeting",
        summary="ที่ประชุมรับทราบรายงานจากสามเขตพื้นที่ เห็นชอบให้กลุ่มใหญ่ที่มีสมาชิกไม่ถึง 50 คนหนึ่งกลุ่มคงสิทธิต่อ และวางแผนตลาดนัดผลผลิต",
        summary_en="The meeting heard reports from the three areas, approved one large group under 50 members keeping its rights, and planned the produce market.",
        body="""คณะกรรมการเครือข่ายจังหวัดประชุมครั้งที่ 4 ของปี มีสาระสำคัญดังนี้

- รับทราบรายงานสถานะกลุ่มใหญ่จาก สพป.กำแพงเพชร เขต 1 เขต 2 และ สพม. เขต 41
- เห็นชอบให้กลุ่มใหญ่ที่มีสมาชิกไม่ถึง 50 คนหนึ่งกลุ่ม คงสิทธิของกลุ่มใหญ่ต่อไป ตามที่ระเบียบให้อำนาจคณะกรรมการจังหวัด
- มอบหมายให้เครือข่ายเขตพื้นที่ติดตามกลุ่มที่มีผู้ผิดนัดชำระหนี้ใกล้เกณฑ์
- เห็นชอบจัดตลาดนัดผลผลิตของสมาชิกครั้งที่ 3""",
        body_en="""The provincial committee held its fourth meeting of the year. The main points:

- It heard the status reports of the large groups in primary areas 1 and 2 and secondary area 41.
- It approved one large group with fewer than 50 members keeping its rights, as the rules allow the provincial committee to do.
- It asked the area networks to follow groups whose defaults are close to the thresholds.
- It approved the third members' produce market.""",
    ),
    DemoNews(
        days_ago=-7,
        title="ประกาศกำหนดการประชุมสมาชิกรอบเดือนกรกฎาคม",
        title_en="Schedule of the July members' meetings",
        summary="กำหนดวันประชุมสมาชิกของกลุ่มใหญ่แต่ละอำเภอในเดือนกรกฎาคม",
        summary_en="The dates of each district's large-group members' meeting in July.",
        body="ข่าวนี้ตั้งเวลาเผยแพร่ไว้ล่วงหน้า จะปรากฏบนเว็บไซต์เมื่อถึงวันเวลาที่กำหนด",
        body_en="This item is scheduled and appears on the site when its publication time comes.",
    ),
    DemoNews(
        days_ago=0,
        title="(ร่าง) สรุปผลการดำเนินงานประจำปีของเครือข่าย",
        title_en="(Draft) The network's annual report",
        summary="ฉบับร่าง รอคณะกรรมการตรวจทานก่อนเผยแพร่",
        summary_en="A draft, waiting for the committee's review.",
        body="ฉบับร่างนี้ยังไม่แสดงบนเว็บไซต์",
        draft=True,
    ),
]
