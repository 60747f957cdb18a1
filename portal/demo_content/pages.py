"""The demo's pages: about us and member services, in Thai and English (the project's own words)."""

ABOUT_TITLE = "เกี่ยวกับเรา"
ABOUT_TITLE_EN = "About us"
ABOUT_SUMMARY = (
    "ความเป็นมาของโครงการพัฒนาชีวิตครูและเครือข่ายจังหวัดกำแพงเพชร หลักการที่ยึดถือ และความหมายของเกณฑ์การชำระหนี้"
)
ABOUT_SUMMARY_EN = (
    "How the Teacher Life Development project and the Kamphaeng Phet network began, the "
    "principles they hold to, and what the repayment thresholds mean."
)

ABOUT_BODY = """## ความเป็นมาของโครงการ
ครูจำนวนมากเคยแบกหนี้หลายก้อนจากหลายแหล่ง ดอกเบี้ยสูงจนเงินเดือนแต่ละเดือนแทบไม่พอใช้ รัฐบาลจึงมีนโยบายแก้ปัญหาหนี้สินของครู เพื่อให้ครูมีกำลังใจทำงานและรักษาเกียรติของวิชาชีพ

ในปี พ.ศ. 2542 กระทรวงศึกษาธิการ ธนาคารออมสิน และผู้แทนครูจากภาคต่าง ๆ ตกลงร่วมกันเริ่ม “โครงการสินเชื่อเพื่อพัฒนาคุณภาพชีวิตครู” โดยลงนามบันทึกข้อตกลงเมื่อวันที่ 23 พฤศจิกายน 2542 และทดลองดำเนินงานก่อนในสี่จังหวัดนำร่อง ได้แก่ แพร่ กาญจนบุรี ร้อยเอ็ด และยะลา

ต่อมาเมื่อมีการจัดตั้งสำนักงานคณะกรรมการส่งเสริมสวัสดิการและสวัสดิภาพครูและบุคลากรทางการศึกษา (สำนักงาน สกสค.) สำนักงานนี้ได้รับโอนโครงการมาดูแลตั้งแต่วันที่ 3 พฤศจิกายน 2546 ปัจจุบันโครงการพัฒนาชีวิตครูมีสมาชิกทั่วประเทศมากกว่า 100,000 คน

## สามฝ่ายที่ร่วมกันดำเนินงาน
- กระทรวงศึกษาธิการ ดูแลให้หน่วยงานสังกัดหักเงินเดือนของสมาชิกเพื่อชำระหนี้ส่งธนาคาร
- ธนาคารออมสิน ให้สินเชื่อดอกเบี้ยต่ำ ในกรอบวงเงินของโครงการ 50,000 ล้านบาท ซึ่งขยายต่อได้เมื่อผลการดำเนินงานเป็นไปตามเป้าหมาย
- สำนักงาน สกสค. และเครือข่ายพัฒนาชีวิตครู ส่งเสริม ติดตาม และประสานงานกับสมาชิกและกลุ่ม
ทั้งสามฝ่ายทำงานในฐานะหุ้นส่วนที่เท่าเทียมกัน ไม่มีฝ่ายใดสั่งการอีกฝ่าย

## เครือข่ายจังหวัดกำแพงเพชร
ครูในจังหวัดรวมกันเป็นกลุ่มย่อยในโรงเรียนหรือหน่วยงานเดียวกัน กลุ่มย่อยในอำเภอเดียวกันรวมเป็นกลุ่มใหญ่ กลุ่มใหญ่ในเขตพื้นที่การศึกษาเดียวกันรวมเป็นเครือข่ายเขตพื้นที่ ได้แก่ สพป.กำแพงเพชร เขต 1 สพป.กำแพงเพชร เขต 2 และ สพม. เขต 41 และทั้งสามเขตรวมกันเป็นเครือข่ายจังหวัด ซึ่งส่งผู้แทนต่อไปยังเครือข่ายภาคและเครือข่ายประเทศ

| ระดับ | ประกอบด้วย | ข้อกำหนดสำคัญ |
| --- | --- | --- |
| กลุ่มย่อย | สมาชิก 5 ถึง 10 คน | อยู่หน่วยงานสังกัดหรือหน่วยจ่ายเงินเดือนเดียวกัน และค้ำประกันเงินกู้ให้กันและกัน |
| กลุ่มใหญ่ | กลุ่มย่อยในอำเภอเดียวกัน | มีสมาชิกอย่างน้อย 50 คน มีคณะกรรมการบริหารจากการเลือกตั้ง |
| เครือข่ายเขตพื้นที่ | กลุ่มใหญ่ในเขตพื้นที่การศึกษาเดียวกัน | เลือกผู้แทนเข้าเป็นกรรมการเครือข่ายจังหวัด |
| เครือข่ายจังหวัด | เครือข่ายเขตพื้นที่ของจังหวัด | ติดตามและประสานงานทั้งจังหวัด |

กลุ่มใหญ่ใช้ชื่อว่า “เครือข่ายพัฒนาชีวิตครูอำเภอ…” และเมื่ออำเภอใดมีมากกว่าหนึ่งกลุ่ม จะต่อท้ายด้วย “กลุ่มใหญ่ที่ 1” “กลุ่มใหญ่ที่ 2” ตามลำดับการจัดตั้ง กลุ่มใหญ่ที่มีสมาชิกไม่ถึง 50 คนคงสิทธิของกลุ่มใหญ่ได้เมื่อคณะกรรมการจังหวัดให้ความเห็นชอบ

## หลักการของโครงการ
1. รวมกลุ่มกันเพื่อพึ่งตนเองและช่วยเหลือกัน ลดรายจ่าย เพิ่มรายได้ และใช้ชีวิตอย่างพอเพียง
2. สามฝ่ายปรึกษาหารือกันอย่างต่อเนื่อง และติดตามผลร่วมกันภายใต้เจตนารมณ์เดียวกัน
3. ให้สินเชื่ออย่างสร้างสรรค์ ด้วยเงื่อนไขและดอกเบี้ยที่เหมาะสม เป็นเครื่องมือแก้หนี้ ไม่ใช่เพิ่มหนี้
4. เสริมขวัญกำลังใจ กลุ่มใหญ่ที่ผู้กู้ทุกคนชำระหนี้ครบถ้วนได้รับทุนสนับสนุนจากธนาคาร
5. ใช้การควบคุมทางสังคมในกลุ่ม และวัดผลจากการชำระหนี้ที่สม่ำเสมอ
6. คณะกรรมการทุกระดับติดตาม ประเมินผล และให้ข้อเสนอแนะเพื่อปรับปรุงงาน

## เกณฑ์การชำระหนี้หมายความว่าอย่างไร
ธนาคารดูวินัยการชำระหนี้จาก “จำนวนคน” ไม่ใช่จำนวนเงิน คือนับว่าผู้กู้ที่ผิดนัดชำระหนี้มีกี่คน เมื่อเทียบกับผู้กู้ทั้งหมดในโครงการของกลุ่มใหญ่หรือของพื้นที่นั้น

| สถานการณ์ | ธนาคารและสามฝ่ายทำอะไร |
| --- | --- |
| ผู้กู้ทุกคนในกลุ่มใหญ่ชำระครบ 100% | ธนาคารให้ทุนสนับสนุนแก่กลุ่มตามหลักเกณฑ์ |
| ชำระตรงเวลาต่ำกว่า 100% หรือมีปัญหาใด ๆ | สามฝ่ายในพื้นที่และส่วนกลางร่วมกันแก้ไขโดยเร็ว ไม่ให้ปัญหาลุกลาม |
| ผู้กู้ผิดนัดเกินร้อยละ 0.5 | ธนาคารชะลอการขยายโครงการในกลุ่มหรือพื้นที่นั้น |
| ผู้กู้ผิดนัดเกินร้อยละ 1.0 | ธนาคารหยุดขยายโครงการในกลุ่มใหญ่นั้นจนกว่าจะกลับเป็นปกติ |

คำว่า “เกิน” หมายถึงมากกว่าจริง ๆ ตัวอย่างเช่น กลุ่มใหญ่ที่มีผู้กู้ 200 คน ถ้าผิดนัด 1 คน เท่ากับร้อยละ 0.5 พอดี ยังไม่ถูกชะลอ แต่ต้องเร่งแก้ไข ถ้าผิดนัด 2 คน เท่ากับร้อยละ 1.0 เกินร้อยละ 0.5 จึงถูกชะลอ และถ้าผิดนัด 3 คน เท่ากับร้อยละ 1.5 เกินร้อยละ 1.0 จึงถูกหยุดขยายโครงการ

เพราะการผิดนัดของคนหนึ่งกระทบทั้งกลุ่ม สมาชิกกลุ่มย่อยจึงดูแลกันตั้งแต่ก่อนถึงวันหักเงินเดือน และคณะกรรมการกลุ่มใหญ่ติดตามการชำระหนี้ทุกเดือน

## คุณธรรมที่สมาชิกยึดถือ
- ซื่อสัตย์ต่อตนเองในการออมอย่างสม่ำเสมอ
- รับผิดชอบต่อกลุ่มและร่วมกิจกรรม
- สามัคคีและร่วมมือกันทำงาน
- มีวินัยและปฏิบัติตามระเบียบของกลุ่ม
- เป็นกัลยาณมิตร เห็นอกเห็นใจเมื่อเพื่อนสมาชิกมีปัญหา
"""

ABOUT_BODY_EN = """## How the project began
Many teachers used to carry several debts from several lenders, at interest so high that a month's salary barely covered the month. The government set out to relieve teachers' debt so they could keep their morale and the dignity of their profession.

In 1999 the Ministry of Education, the Government Savings Bank and teachers' representatives from every region agreed to start a credit project for teachers' quality of life. The agreement was signed on 23 November 1999, and the project was first tried in four pilot provinces: Phrae, Kanchanaburi, Roi Et and Yala.

When the teachers' welfare office (the สกสค. office) was founded, it took the project over on 3 November 2003. Today the Teacher Life Development project has more than 100,000 members across the country.

## Three partners, as equals
- The Ministry of Education makes sure each member's pay unit deducts the repayment from the salary and sends it to the bank.
- The Government Savings Bank lends at low interest, within the project's credit line of 50,000 million baht, which grows while results stay on target.
- The สกสค. office and the Teacher Life Development networks support, follow up and coordinate with members and groups.
The three work as equal partners; none of them gives orders to the others.

## The Kamphaeng Phet network
Teachers form small groups within the same school or office. The small groups of a district form a large group; the large groups of an educational service area form an area network (Kamphaeng Phet primary areas 1 and 2 and secondary area 41); and the three areas form the provincial network, which sends representatives on to the regional and national networks.

| Level | Made of | Key rule |
| --- | --- | --- |
| Small group | 5 to 10 members | Same pay unit; members co-guarantee each other's loans |
| Large group | Small groups of one district | At least 50 members and an elected executive committee |
| Area network | Large groups of one service area | Elects representatives to the provincial committee |
| Provincial network | The province's area networks | Follows up and coordinates across the province |

A large group is named after its district, and where a district has more than one, it adds "large group 1", "large group 2" in order of founding. A large group with fewer than 50 members keeps its rights only with the provincial committee's approval.

## The project's principles
1. Come together to stand on our own feet and help each other: spend less, earn more and live sufficiently.
2. The three partners keep talking and follow results together, with one shared purpose.
3. Lend creatively, on fair terms and interest, as a way out of debt rather than into more.
4. Reward good results: a large group whose every borrower repays in full receives a support grant from the bank.
5. Rely on the group's own social control, and measure results by steady repayment.
6. Committees at every level follow up, evaluate and advise so the work keeps improving.

## What the repayment thresholds mean
The bank measures repayment discipline by counting people, not money: how many borrowers are in default, compared with all the borrowers of the large group or the area.

| Situation | What the bank and the partners do |
| --- | --- |
| Every borrower of the large group repays in full (100%) | The bank pays the group a support grant under its rules |
| On-time repayment below 100%, or any problem | The three partners, locally and centrally, act quickly so it does not spread |
| Defaulters exceed 0.5% | The bank slows the expansion of the project in that group or area |
| Defaulters exceed 1.0% | The bank stops expanding the project in that large group until it is back to normal |

"Exceed" means strictly more. With 200 borrowers, 1 defaulter is exactly 0.5%: not slowed, but to be fixed quickly. 2 defaulters are 1.0%, more than 0.5%, so the group is slowed. 3 defaulters are 1.5%, more than 1.0%, so expansion stops.

Because one person's default affects the whole group, small-group members look after each other before payday, and the large-group committee follows repayments every month.

## The values members hold
- Honesty with oneself about saving regularly
- Responsibility towards the group and its activities
- Unity and working together
- Discipline and keeping to the group's rules
- Friendship and sympathy when a fellow member is in trouble
"""

SERVICES_TITLE = "บริการสมาชิก"
SERVICES_TITLE_EN = "Member services"
SERVICES_SUMMARY = "การเข้าร่วมโครงการ การออม การขอกู้และค้ำประกัน การประชุม และช่องทางติดต่อกลุ่มของท่าน"
SERVICES_SUMMARY_EN = (
    "Joining the project, saving, borrowing and guarantees, meetings, and how to reach your group."
)

SERVICES_BODY = """## การเข้าร่วมโครงการ
1. ชวนเพื่อนครูในโรงเรียนหรือหน่วยงานเดียวกันให้ได้ 5 ถึง 10 คน ตั้งเป็นกลุ่มย่อย
2. แจ้งคณะกรรมการกลุ่มใหญ่ของอำเภอ เพื่อรับกลุ่มย่อยเข้าเป็นสมาชิกและลงทะเบียนสมาชิก
3. ร่วมประชุม ทำความเข้าใจระเบียบของกลุ่ม และเริ่มออมเงินทุกเดือน
ดูรายชื่อกลุ่มใหญ่และคณะกรรมการของแต่ละอำเภอได้ที่หน้าคณะกรรมการ

## การออมเงิน
สมาชิกทุกคนออมเงินอย่างสม่ำเสมอตามที่กลุ่มกำหนด และกลุ่มใหญ่มีกองทุนสำรองไว้ช่วยเหลือและพัฒนากลุ่ม เงินออมเป็นหลักฐานของวินัยทางการเงิน ซึ่งกลุ่มใช้ประกอบการพิจารณาเงินกู้

## การขอกู้และการค้ำประกัน
- ยื่นคำขอผ่านกลุ่มย่อย โดยสมาชิกในกลุ่มย่อยค้ำประกันเงินกู้ให้กันและกัน
- คณะกรรมการกลุ่มใหญ่พิจารณาให้ความเห็นชอบการกู้หรือการก่อหนี้เพิ่มของสมาชิกทุกราย ก่อนส่งธนาคารออมสิน
- หน่วยงานสังกัดหักเงินเดือนเพื่อชำระหนี้และส่งธนาคารทุกเดือน
- หากมีปัญหาการชำระหนี้ โปรดแจ้งประธานกลุ่มย่อยหรือคณะกรรมการกลุ่มใหญ่ทันที เพื่อหาทางแก้ไขร่วมกันก่อนผิดนัด

## การประชุมสมาชิก
กลุ่มใหญ่ประชุมสมาชิกอย่างน้อยปีละ 2 ครั้ง ในเดือนมกราคมและเดือนกรกฎาคม เพื่อรายงานผลการดำเนินงาน และส่งรายงานการประชุมให้คณะกรรมการจังหวัด

## เมื่อย้ายที่ทำงาน
สมาชิกที่ย้ายไปทำงานต่างอำเภอยังคงเป็นสมาชิกกลุ่มเดิม หากจำเป็นต้องย้ายไปกลุ่มในพื้นที่ใหม่ ต้องได้รับความเห็นชอบจากคณะกรรมการ 3 ฝ่ายก่อน

## ติดตามข่าวสาร
อ่านข่าวของเครือข่ายได้ที่หน้าข่าว หรือฝากอีเมลไว้เพื่อรับข่าวใหม่ทางอีเมล
"""

SERVICES_BODY_EN = """## Joining the project
1. Gather 5 to 10 fellow teachers from the same school or office and form a small group.
2. Contact the committee of your district's large group, which admits the small group and registers its members.
3. Attend the meetings, learn the group's rules and start saving every month.
The large groups of every district and their committees are listed on the committees page.

## Saving
Every member saves regularly, as the group decides, and each large group keeps a reserve fund to help and develop the group. Savings show financial discipline, which the group weighs when it considers a loan.

## Borrowing and guarantees
- Apply through your small group; the members of a small group co-guarantee each other's loans.
- The large-group committee approves every member's loan or new debt before it goes to the Government Savings Bank.
- Your pay unit deducts the repayment from your salary and sends it to the bank every month.
- If you have trouble repaying, tell your small group or the large-group committee at once, so a way can be found together before you default.

## Members' meetings
Each large group holds a members' meeting at least twice a year, in January and in July, reports on its work and sends the minutes to the provincial committee.

## When you are posted elsewhere
A member posted to another district stays in the old group. Moving to a group in the new place needs the approval of the three-party committee first.

## Keeping up with news
Read the network's news on the news page, or leave your e-mail address to receive new items by e-mail.
"""

PARTNER_LINKS = [
    {
        "name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษากำแพงเพชร เขต 1",
        "name_en": "Kamphaeng Phet Primary Educational Service Area Office 1",
        "short_name": "สพป.กพ. เขต 1",
        "short_name_en": "Primary area 1",
        "url": "https://www.kpp1.go.th/",
    },
    {
        "name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษากำแพงเพชร เขต 2",
        "name_en": "Kamphaeng Phet Primary Educational Service Area Office 2",
        "short_name": "สพป.กพ. เขต 2",
        "short_name_en": "Primary area 2",
        "url": "https://www.kpp2.go.th/",
    },
    {
        "name": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา เขต 41",
        "name_en": "Secondary Educational Service Area Office 41",
        "short_name": "สพม. เขต 41",
        "short_name_en": "Secondary area 41",
        "url": "https://www.sesao41.go.th/",
    },
    {
        "name": "สำนักงานคณะกรรมการส่งเสริมสวัสดิการและสวัสดิภาพครูและบุคลากรทางการศึกษา",
        "name_en": "Office of the Welfare Promotion Commission for Teachers and Educational Personnel",
        "short_name": "สำนักงาน สกสค.",
        "short_name_en": "สกสค. office",
        "url": "https://www.otep.go.th/",
    },
]
