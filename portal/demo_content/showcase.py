"""The demo's outstanding member work: three items in each of the three categories."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoWork:
    category: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    description: str
    description_en: str
    scenes: tuple[tuple[str, str, str], ...]  # (scene, alt in Thai, alt in English)
    featured: bool = False


WORK = [
    DemoWork(
        category="income",
        title="ผักไฮโดรโปนิกส์หลังบ้าน รายได้เสริมที่ช่วยปิดหนี้บัตร",
        title_en="Backyard hydroponic vegetables: side income that cleared a card debt",
        summary="เริ่มจากรางปลูกผักสองราง จนส่งผักสลัดให้ร้านอาหารในตัวเมืองได้ทุกสัปดาห์",
        summary_en="From two growing channels to weekly salad deliveries for restaurants in town.",
        description="""ครูผู้สอนวิทยาศาสตร์เริ่มปลูกผักสลัดแบบไม่ใช้ดินหลังบ้านเมื่อสามปีก่อน ด้วยรางปลูกเพียงสองราง เงินลงทุนมาจากเงินออมของตนเองไม่ใช่เงินกู้

## วิธีทำ
- ใช้ท่อพีวีซีทำรางปลูกและปั๊มน้ำขนาดเล็ก
- ปลูกผักสลัดสลับรุ่นทุกสัปดาห์ เพื่อให้มีผักเก็บขายตลอด
- จดบันทึกต้นทุนค่าปุ๋ยน้ำ ค่าไฟ และเมล็ดพันธุ์ทุกรอบ

ปัจจุบันส่งผักให้ร้านอาหารในตัวเมืองสัปดาห์ละสองครั้ง รายได้ส่วนนี้นำไปปิดหนี้บัตรเครดิตที่ดอกเบี้ยสูงได้หมดภายในหนึ่งปีครึ่ง และยังชวนนักเรียนมาเรียนรู้เรื่องการปลูกพืชด้วย""",
        description_en="""A science teacher started growing salad greens without soil in the backyard three years ago, with just two channels, paid for from savings rather than a loan.

## How it works
- PVC pipes as growing channels and a small water pump
- A new batch planted every week, so there is always something to harvest
- Costs of nutrient solution, electricity and seeds written down for every batch

Today the garden supplies restaurants in town twice a week. The income paid off a high-interest credit card within eighteen months, and pupils come to learn about growing plants too.""",
        scenes=(
            (
                "garden",
                "ภาพประกอบ: แปลงผักสลัดที่ปลูกเป็นแถวหลังบ้าน",
                "Illustration: rows of salad greens behind the house",
            ),
            (
                "savings",
                "ภาพประกอบ: เงินออมที่เพิ่มขึ้นจากการขายผัก",
                "Illustration: savings growing from vegetable sales",
            ),
        ),
        featured=True,
    ),
    DemoWork(
        category="income",
        title="เลี้ยงไก่ไข่แบบปล่อยลาน กับเพื่อนครูในกลุ่มย่อย",
        title_en="Free-range laying hens, run with fellow small-group members",
        summary="สมาชิกห้าคนในกลุ่มย่อยเดียวกันลงขันเลี้ยงไก่ไข่ แบ่งเวรดูแล และแบ่งรายได้ตามสัดส่วน",
        summary_en="Five members of one small group pooled money for laying hens, share the care and split the income.",
        description="""สมาชิกกลุ่มย่อยในโรงเรียนเดียวกันห้าคนตกลงลงขันคนละเท่า ๆ กัน สร้างโรงเรือนเล็ก ๆ ในที่ดินของสมาชิกคนหนึ่ง และเลี้ยงไก่ไข่แบบปล่อยลาน

แต่ละคนรับเวรให้อาหารและเก็บไข่ตามตาราง ไข่ขายให้ผู้ปกครองและร้านค้าในหมู่บ้าน รายได้หลังหักค่าอาหารไก่แบ่งกันตามสัดส่วนเงินลงขัน และกันส่วนหนึ่งเข้ากองกลางของกลุ่มย่อย

นอกจากรายได้แล้ว การทำงานร่วมกันทำให้สมาชิกคุยกันบ่อยขึ้น รู้ปัญหาของกันและกันเร็วขึ้น ซึ่งช่วยเรื่องการค้ำประกันและการชำระหนี้ของกลุ่มด้วย""",
        description_en="""Five small-group members at the same school put in equal shares, built a small coop on one member's land and raise free-range laying hens.

They take turns feeding and collecting eggs on a rota. The eggs are sold to parents and village shops; after feed costs the income is split by share, with part kept in the small group's common fund.

Besides the income, working together means members talk more often and learn of each other's problems sooner, which helps the group with its guarantees and repayments.""",
        scenes=(
            (
                "hens",
                "ภาพประกอบ: ไก่ไข่เดินหากินในลานหน้าโรงเรือน",
                "Illustration: laying hens foraging in front of the coop",
            ),
        ),
    ),
    DemoWork(
        category="income",
        title="กล้วยตากพลังงานแสงอาทิตย์ จากกล้วยในสวนของครอบครัว",
        title_en="Solar-dried bananas from the family orchard",
        summary="ตู้อบพลังแสงอาทิตย์ช่วยให้กล้วยน้ำว้าที่เคยขายไม่ได้ราคา กลายเป็นของฝากที่ขายได้ตลอดปี",
        summary_en="A solar dryer turned bananas that used to fetch little into a year-round local speciality.",
        description="""ครอบครัวของสมาชิกมีกล้วยน้ำว้าในสวนมาก แต่ขายผลสดได้ราคาต่ำ สมาชิกจึงสร้างตู้อบพลังงานแสงอาทิตย์จากโครงเหล็กและแผ่นพลาสติกใส

กล้วยที่ตากในตู้สะอาด ไม่มีแมลงรบกวน และแห้งเร็วกว่าตากกลางแจ้ง บรรจุถุงติดฉลากขายเป็นของฝากในตลาดนัดผลผลิตของเครือข่ายและร้านค้าในอำเภอ

รายได้จากกล้วยตากช่วยให้ครอบครัวออมเงินได้เพิ่มขึ้นทุกเดือน และใช้เป็นตัวอย่างสอนนักเรียนเรื่องการแปรรูปผลผลิตเกษตร""",
        description_en="""The member's family grows many bananas, but fresh fruit sold cheaply. So the member built a solar dryer from a steel frame and clear plastic sheets.

Bananas dried in it stay clean, away from insects, and dry faster than in the open. Bagged and labelled, they sell as a local speciality at the network's produce market and shops in the district.

The income lets the family save more every month, and the dryer is used to teach pupils about processing farm produce.""",
        scenes=(
            (
                "drying",
                "ภาพประกอบ: กล้วยเรียงบนตะแกรงในตู้อบพลังงานแสงอาทิตย์",
                "Illustration: bananas laid on racks inside the solar dryer",
            ),
            (
                "garden",
                "ภาพประกอบ: สวนของครอบครัวในวันที่แดดดี",
                "Illustration: the family orchard on a sunny day",
            ),
        ),
    ),
    DemoWork(
        category="academic",
        title="วิจัยในชั้นเรียน: ฝึกอ่านคล่องด้วยบัตรคำวันละสิบนาที",
        title_en="Classroom research: ten minutes a day of word cards for fluent reading",
        summary="งานวิจัยของครูชั้นประถมศึกษาปีที่ 2 ที่ช่วยให้นักเรียนอ่านออกเสียงได้คล่องขึ้นภายในหนึ่งภาคเรียน",
        summary_en="A Grade 2 teacher's research that helped pupils read aloud fluently within one term.",
        description="""ครูชั้นประถมศึกษาปีที่ 2 สังเกตว่านักเรียนหลายคนสะกดคำได้แต่อ่านไม่คล่อง จึงทำวิจัยในชั้นเรียนโดยฝึกอ่านบัตรคำวันละสิบนาทีทุกเช้า

นักเรียนจับคู่ผลัดกันอ่านและจับเวลาให้เพื่อน ครูบันทึกจำนวนคำที่อ่านถูกต่อนาทีทุกสัปดาห์ เมื่อจบภาคเรียน นักเรียนเกือบทุกคนอ่านได้เร็วและถูกต้องขึ้นชัดเจน

งานวิจัยนี้ใช้ประกอบการขอเลื่อนวิทยฐานะ และครูในกลุ่มใหญ่อีกหลายโรงเรียนนำวิธีนี้ไปใช้ต่อ""",
        description_en="""A Grade 2 teacher noticed that many pupils could spell words but not read them fluently, and ran a classroom study: ten minutes of word cards every morning.

Pupils work in pairs, taking turns to read and timing each other. The teacher recorded correct words per minute every week; by the end of term almost every pupil read clearly faster and more accurately.

The study supported the teacher's application for a higher academic standing, and teachers at several other schools of the large group now use the method.""",
        scenes=(
            (
                "books",
                "ภาพประกอบ: หนังสือและบัตรคำบนชั้นในห้องเรียน",
                "Illustration: books and word cards on a classroom shelf",
            ),
        ),
        featured=True,
    ),
    DemoWork(
        category="academic",
        title="คู่มือการออมสำหรับครูบรรจุใหม่",
        title_en="A savings handbook for newly appointed teachers",
        summary="เอกสารสั้น ๆ ที่อธิบายการทำงบประมาณเดือนแรก การแยกบัญชีออม และการหลีกเลี่ยงหนี้นอกระบบ",
        summary_en="A short guide to a first monthly budget, a separate savings account and avoiding informal lenders.",
        description="""สมาชิกที่เป็นเหรัญญิกของกลุ่มใหญ่มาหลายปี เขียนคู่มือการออมสำหรับครูบรรจุใหม่ จากคำถามที่ได้ยินบ่อยในการประชุมกลุ่ม

คู่มือแบ่งเป็นบทสั้น ๆ เช่น การทำงบประมาณเดือนแรก การแยกบัญชีออมไว้ก่อนใช้จ่าย การคำนวณดอกเบี้ยที่แท้จริงของสินเชื่อแต่ละแบบ และสัญญาณเตือนของหนี้นอกระบบ

คณะกรรมการเครือข่ายจังหวัดนำคู่มือไปแจกในการอบรมสมาชิกใหม่ทุกอำเภอ""",
        description_en="""A member who has served for years as a large group's treasurer wrote a savings handbook for newly appointed teachers, from the questions heard most often at group meetings.

It has short chapters: a first monthly budget, putting savings aside before spending, working out the real interest of each kind of loan, and the warning signs of informal lenders.

The provincial committee hands it out at new-member training in every district.""",
        scenes=(
            (
                "savings",
                "ภาพประกอบ: เหรียญเรียงเป็นกองและกระปุกออมสิน",
                "Illustration: stacked coins and a piggy bank",
            ),
            ("books", "ภาพประกอบ: เอกสารคู่มือวางบนโต๊ะทำงาน", "Illustration: the handbook on a desk"),
        ),
    ),
    DemoWork(
        category="academic",
        title="บทความวิชาการ: กลุ่มย่อยกับวินัยการชำระหนี้",
        title_en="Article: small groups and repayment discipline",
        summary="บทความที่เล่าว่าการพบกันสม่ำเสมอของกลุ่มย่อยช่วยลดการผิดนัดชำระหนี้ได้อย่างไร",
        summary_en="An article on how regular small-group meetings help reduce defaults.",
        description="""บทความนี้เรียบเรียงจากประสบการณ์ของกลุ่มใหญ่ที่ผู้กู้ชำระหนี้ครบติดต่อกันหลายปี ผู้เขียนสัมภาษณ์ประธานกลุ่มย่อยหลายคน และพบว่าสิ่งที่กลุ่มเหล่านี้ทำเหมือนกันคือการพบกันสั้น ๆ ทุกเดือนก่อนวันหักเงินเดือน

ในการพบกัน สมาชิกเล่าสถานะการเงินของตนอย่างเปิดเผย ใครมีรายจ่ายไม่คาดคิดจะได้รับคำแนะนำหรือความช่วยเหลือจากเพื่อน ก่อนที่ปัญหาจะกลายเป็นการผิดนัด

บทความเสนอให้กลุ่มใหญ่จัดทำแบบบันทึกการพบกันอย่างง่าย เพื่อให้คณะกรรมการเห็นสัญญาณเสี่ยงได้เร็วขึ้น""",
        description_en="""This article draws on large groups whose borrowers have repaid in full for several years in a row. The author interviewed several small-group heads and found one habit they share: a short meeting every month before payday.

At those meetings members speak openly about their finances; anyone facing an unexpected cost gets advice or help from friends before it turns into a default.

The article suggests that large groups keep a simple meeting record, so committees see warning signs sooner.""",
        scenes=(
            (
                "meeting",
                "ภาพประกอบ: สมาชิกกลุ่มย่อยนั่งคุยกันก่อนวันหักเงินเดือน",
                "Illustration: small-group members talking before payday",
            ),
        ),
    ),
    DemoWork(
        category="teaching",
        title="ตลาดจำลองในห้องเรียนคณิตศาสตร์",
        title_en="A pretend market in the maths classroom",
        summary="นักเรียนฝึกบวกลบเงิน ทอนเงิน และทำบัญชีรายรับรายจ่ายจากการซื้อขายสินค้าจำลอง",
        summary_en="Pupils practise adding money, giving change and keeping accounts by trading pretend goods.",
        description="""ครูคณิตศาสตร์ชั้นประถมศึกษาปีที่ 4 เปลี่ยนห้องเรียนเป็นตลาดจำลองสัปดาห์ละหนึ่งคาบ นักเรียนผลัดกันเป็นแม่ค้าและลูกค้า ใช้ธนบัตรจำลองซื้อขายสินค้าที่ทำจากกระดาษ

ทุกคนต้องจดบัญชีรายรับรายจ่ายของตนเอง และสรุปกำไรขาดทุนเมื่อจบคาบ นักเรียนได้ฝึกการบวกลบ การทอนเงิน และเรียนรู้ว่าการออมเริ่มจากการรู้ว่าเงินไปไหน

ผลสอบเรื่องเงินของนักเรียนดีขึ้น และผู้ปกครองหลายคนเล่าว่าลูกเริ่มขอจดรายจ่ายของบ้านด้วย""",
        description_en="""A Grade 4 maths teacher turns the classroom into a pretend market once a week. Pupils take turns as sellers and customers, trading paper goods with play money.

Everyone keeps their own account of money in and out and works out profit or loss at the end of the lesson. Pupils practise adding, subtracting and giving change, and learn that saving starts with knowing where the money goes.

Test results on money improved, and several parents say their children now want to write down the household's spending too.""",
        scenes=(
            (
                "classroom",
                "ภาพประกอบ: ห้องเรียนที่นักเรียนนั่งทำกิจกรรม",
                "Illustration: pupils at their desks during the activity",
            ),
            (
                "savings",
                "ภาพประกอบ: เหรียญจำลองที่ใช้ในตลาดของห้องเรียน",
                "Illustration: play coins used in the classroom market",
            ),
        ),
        featured=True,
    ),
    DemoWork(
        category="teaching",
        title="ห้องเรียนวิทยาศาสตร์กลางแปลงนา",
        title_en="A science classroom in the rice field",
        summary="นักเรียนเรียนเรื่องดิน น้ำ และวงจรชีวิตของพืชจากแปลงนาข้างโรงเรียน ร่วมกับปราชญ์ชาวบ้าน",
        summary_en="Pupils learn about soil, water and plant life cycles in the rice field next to school, with a village expert.",
        description="""ครูวิทยาศาสตร์ร่วมกับปราชญ์ชาวบ้านใช้แปลงนาข้างโรงเรียนเป็นห้องเรียน นักเรียนวัดอุณหภูมิน้ำ สังเกตสัตว์เล็กในนา และจดบันทึกการเติบโตของต้นข้าวทุกสัปดาห์

ตลอดภาคเรียน นักเรียนได้ลงมือทำตั้งแต่เตรียมดิน ดำนา จนถึงเก็บเกี่ยว แล้วนำข้อมูลที่จดมาเขียนรายงานและนำเสนอต่อผู้ปกครอง

กิจกรรมนี้ทำให้นักเรียนเห็นว่าวิทยาศาสตร์อยู่ใกล้ตัว และชุมชนได้มีส่วนร่วมกับโรงเรียนมากขึ้น""",
        description_en="""A science teacher and a village expert use the rice field beside the school as a classroom. Pupils measure water temperature, watch the small creatures of the field and record the rice plants' growth every week.

Over the term they do it all, from preparing the soil and transplanting to harvest, then turn their notes into reports presented to parents.

Pupils see that science is all around them, and the community takes a bigger part in the school.""",
        scenes=(
            (
                "garden",
                "ภาพประกอบ: แปลงนาและต้นกล้าข้างโรงเรียน",
                "Illustration: the rice field and seedlings beside the school",
            ),
        ),
    ),
    DemoWork(
        category="teaching",
        title="เรียนภาษาอังกฤษผ่านนิทานเมืองกำแพงเพชร",
        title_en="Learning English through Kamphaeng Phet folk tales",
        summary="นักเรียนแปลและเล่านิทานพื้นบ้านของจังหวัดเป็นภาษาอังกฤษ แล้วทำเป็นหนังสือภาพของห้องเรียน",
        summary_en="Pupils translate and retell the province's folk tales in English and turn them into class picture books.",
        description="""ครูภาษาอังกฤษชั้นมัธยมศึกษาชวนนักเรียนสัมภาษณ์ผู้สูงอายุในชุมชนเรื่องนิทานและตำนานของเมืองกำแพงเพชร แล้วช่วยกันแปลเป็นภาษาอังกฤษอย่างง่าย

นักเรียนแบ่งกลุ่มวาดภาพประกอบ ฝึกเล่านิทานหน้าชั้น และรวมเล่มเป็นหนังสือภาพของห้องเรียน หนังสือเหล่านี้ใช้เป็นสื่อให้รุ่นน้องฝึกอ่าน

นักเรียนกล้าพูดภาษาอังกฤษมากขึ้น เพราะเล่าเรื่องที่ตนรู้จักดี และได้เรียนรู้ประวัติของบ้านเกิดไปพร้อมกัน""",
        description_en="""A secondary English teacher had pupils interview elders about the tales and legends of Kamphaeng Phet, then translate them together into simple English.

In groups, pupils drew the pictures, practised telling the stories to the class and bound them into class picture books, which younger pupils now use for reading practice.

Pupils speak English more confidently because they tell stories they know well, and they learn their home town's history along the way.""",
        scenes=(
            (
                "books",
                "ภาพประกอบ: หนังสือภาพที่นักเรียนทำเอง",
                "Illustration: picture books made by the pupils",
            ),
            (
                "classroom",
                "ภาพประกอบ: นักเรียนเล่านิทานหน้าชั้นเรียน",
                "Illustration: pupils telling a story in front of the class",
            ),
        ),
    ),
]
