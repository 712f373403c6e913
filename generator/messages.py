"""What the generator tells editors, in their language: one catalogue, one place.

Each message says what is wrong and, in full-width parentheses, what to do. A message
that names the programme's words writes them as tokens, through ``marked``: the site's
words replace them (``vocabulary.py``).
"""

from .vocabulary import marked

MORE_IN_FILE = "这个文件还有 {count} 个问题没有列出（请先改正上面这些，再运行检查）"
ERROR_COUNT = "共 {count} 个错误，网站未生成，上一次生成的网站保持不变"

# Loading
YAML_SYNTAX = "YAML 格式错误：{problem}（请检查这一行及上一行的缩进、冒号和引号）"
YAML_COLON_IN_VALUE = "这里不能再出现“字段：值”，常见原因是冒号后缺空格，或文字里有冒号没加引号"
YAML_TAB = "这里有不能出现的字符，常见原因是用了 Tab 键缩进（只能用空格）或以 @、` 开头的文字没加引号"
YAML_INDENT = "缩进不一致，同一层的字段要左对齐"
YAML_UNCLOSED_LIST = "列表缺少逗号或右方括号 ]"
YAML_UNCLOSED_MAPPING = "缺少逗号或右花括号 }"
YAML_MISSING_COLON = "缺少冒号"
YAML_UNCLOSED_QUOTE = "引号没有闭合"
NOT_A_FILE = "这是一个文件夹，不是记录文件（文件夹的名字不要以 .yml 结尾；记录文件请直接放在这里）"
LINK_TO_NOTHING = "这是一个链接，但它指向的文件不存在（请删除这个链接，把记录文件本身放在这里）"
UNREADABLE = "这个文件读不出来（请检查它的权限，或重新保存一份）"
LINK_OUTSIDE_DATA = "这个文件是指向数据文件夹以外的链接，不会被读取（请把文件本身放进数据文件夹，不要用符号链接）"
NOT_UTF8 = "文件不是 UTF-8 编码（第 {position} 个字节处；请用 UTF-8 编码另存此文件）"
MULTIPLE_DOCUMENTS = "一个文件只能有一条记录（请删除 --- 及其后的内容，另建一个文件）"
DUPLICATE_KEY = "字段 '{key}' 重复，第 {line} 行已经写过（请删除其中一处，只保留正确的值）"
COMPLEX_KEY = "字段名必须是简单文字（请检查这一行的写法）"
MERGE_KEY = "不支持 YAML 合并键 <<（请把要复用的字段直接写出来）"
YAML_ANCHOR = "不支持 YAML 锚点 &{name}（请删去 &{name}，要重复的内容在用到的每一处完整写出来）"
YAML_ALIAS = "不支持 YAML 引用 *{name}（请删去 *{name}，在这里把内容完整写出来）"
YAML_TAG = "不支持 YAML 标签 {tag}（请删去 {tag}；要让数字或日期按文字读，就给值加引号，如 '2024'）"
YAML_MORE_REFUSED = "这个文件还有 {count} 处锚点、引用、标签或超长文字没有列出（请先改正以上各处，再运行检查）"
FILE_TOO_LARGE = "文件有 {size} 字节，超过了数据文件的上限 {limit} 字节（一个年度文件写两万条活动也不到这么大；请检查是不是放错了文件，或删去重复的内容）"
YAML_TOO_DEEP = "层层嵌套超过 {limit} 层（数据最多只有五六层；请检查是否多写了 [ 或 {{，或者缩进有误）"
YAML_TOO_MANY_VALUES = "文件中的值超过 {limit} 个（一个年度文件写两万条活动也用不了这么多；请检查是不是放错了文件，或删去重复的内容）"
YAML_TOO_MANY_KEYS = "这一组的字段超过 {limit} 个（一条记录的字段不到五十个；请检查缩进，或是不是放错了文件）"
YAML_LONG_TEXT = "这段文字有 {length} 个字符，超过了上限 {limit}（请删减；篇幅很长的材料请放在其他网页上，在这里写它的网址）"
YAML_LONG_KEY = "字段名有 {length} 个字符，超过了上限 {limit}（字段名是字段说明里的英文名，如 summary；常见原因是文字里的冒号后面有空格而没有加引号）"

# Shapes and types
EXPECTED_MAPPING = "应为由“字段：值”组成的一组内容，实际为 {got}（请参照字段说明调整缩进）"
EXPECTED_LIST = "应为列表，实际为 {got}（请写成 [a, b] 或每项一行、以“- ”开头）"
EXPECTED_TEXT = "应为文字，实际为 {got}（请直接写文字）"
EXPECTED_INT = "应为整数，实际为 {got}（请写阿拉伯数字，不加引号，如 2024）"
EXPECTED_NUMBER = "应为数字，实际为 {got}（请写阿拉伯数字，不加引号，如 22.5431）"
EXPECTED_BOOL = "应为 true 或 false，实际为 {got}（请写 true 或 false）"
YAML11_BOOL = "'{value}' 在这里不表示是或否（请写 true 或 false）"
EXPECTED_DATE = "应为日期，实际为 {got}（请写成 YYYY-MM-DD，如 2024-11-08）"
INVALID_DATE = "'{value}' 不是有效日期（请写成 YYYY-MM-DD，如 2024-11-08）"
EMPTY_TEXT = "不能为空（请填写内容，或删除这一行）"
MISSING_FIELD = "缺少必填字段 '{name}'（{doc}）"
UNKNOWN_FIELD = "未知字段 '{key}'（是不是 '{suggestion}'？）"
UNKNOWN_FIELD_NO_GUESS = "未知字段 '{key}'（可用字段：{allowed}）"
NOT_A_CHOICE = "'{value}' 不是可选值（可选：{allowed}）"
NOT_A_CHOICE_GUESS = "'{value}' 不是可选值（是不是 '{suggestion}'？可选：{allowed}）"
TOO_SMALL = "{value} 小于允许的最小值 {minimum}（请检查数值）"
TOO_LARGE = "{value} 大于允许的最大值 {maximum}（请检查数值）"

# Text formats
BAD_SLUG = "'{value}' 不能用作编号（只能用小写英文字母、数字和连字符，如 east-centre）"
BAD_URL = "网址必须以 https:// 或 http:// 开头，实际为 '{value}'（请填写完整网址，如 https://example.org/booking）"
BAD_PHONE = "'{value}' 不是有效的电话号码（固定电话写成“区号-号码”，如 010-12345678，也可写 400/800 号码或短号）"
BAD_REPORT_TARGET = "'{value}' 既不是 https:// 开头的网址，也不是邮箱地址（纠错链接要打开一个网址或写一封邮件：请写如 https://github.com/<机构>/<仓库>/issues/new 或 jiucuo@example.org）"
BAD_EMAIL = "'{value}' 不是有效的邮箱地址（如 visit@example.org）"
BAD_TIME = "'{value}' 不是有效时间（24 小时制并加引号，如 \"09:30\"）"
TIME_AS_NUMBER = "时间 {value} 被当成了数字（请加引号，如 \"{suggestion}\"）"
TIME_AS_MINUTES = "时间 {value} 被当成了数字：这是把 {suggestion} 按六十进制算成的分钟数，旧版 YAML 会这样读不加引号的时间（请加引号，写成 \"{suggestion}\"）"
BOOKING_NOT_HTTPS = "预约网址必须以 https:// 开头，实际为 '{value}'（预约要填写姓名和电话，须加密传输；请向预约系统确认 https 地址）"
LICENCE_NOT_HTTPS = "许可协议的网址必须以 https:// 开头，实际为 '{value}'（开放数据页和数据文件都链接到这个地址：请改用 https:// 开头的地址，如 https://creativecommons.org/licenses/by/4.0/）"
LICENCE_NOT_URL = "'{value}' 不是网址（url 写许可协议全文的网址，如 https://creativecommons.org/licenses/by/4.0/；协议的名称写在 name 里）"
BAD_ENV_NAME = "'{value}' 不能用作天地图密钥的环境变量名（须以 TIANDITU_ 开头，只用大写字母、数字和下划线，如 TIANDITU_KEY：密钥会公开在网页上，其他名字可能读到别的密钥；密钥本身不要写在这里）"
BAD_ICP = "'{value}' 不是 ICP 备案号的写法（应为省份简称、ICP备、备案数字、号，网站序号写在最后，不加空格，如 粤ICP备12345678号-1；请照工业和信息化部备案系统 beian.miit.gov.cn 上本站的备案号抄写）"
BAD_POLICE = "'{value}' 不是公安机关备案号的写法（应为省份简称、公网安备、14 位数字、号，不加空格，如 粤公网安备44030402000001号；请照全国互联网安全管理服务平台 beian.mps.gov.cn 上本站的备案号抄写）"
POLICE_PROVINCE = "'{value}' 的简称“{abbr}”是{province}，但编号开头的 {code} 是{other}（编号的前两位是备案地的省份代码，与简称一致，如 粤 对应 44；请照备案系统上本站的备案号改正）"
BAD_SITE_CODE = "'{value}' 不是网站标识码的写法（政府网站标识码为 10 位：地方网站是 6 位行政区划代码加 4 位数字，如 4403000001；国务院部门网站是 bm 加 8 位数字，如 bm04000007；请照全国政府网站基本信息数据库中本站的标识码抄写）"
BAD_POSTCODE = "'{value}' 不是邮政编码（邮政编码是 6 位数字，如 518000）"
MEDIA_MISSING = "找不到图片文件 data/media/{value}（请把图片放进 data/media/ 或改正文件名）"
SHARE_IMAGE_BROKEN = "data/media/{value} 打不开：文件不是图片，或者没有存完整（请重新导出为 PNG 或 JPEG 再放进来）"
SHARE_IMAGE_FORMAT = "data/media/{value} 是 {found} 图片，分享卡片只能用 PNG 或 JPEG（有的应用不显示其他格式；请另存为 PNG 或 JPEG）"
SHARE_IMAGE_SMALL = "data/media/{value} 只有 {width}×{height} 像素，分享卡片的图片至少要 {min_width}×{min_height} 像素（建议 1200×630；请换一张更大的图片）"
SHARE_IMAGE_HEAVY = "data/media/{value} 有 {kb} KB，分享卡片的图片不能超过 {max_kb} KB（应用取图有时限，太大就不显示；请压缩后再放进来）"
MEDIA_ABSOLUTE = "'{value}' 是完整路径，图片只能取自 data/media/（请把图片放进 data/media/，这里只写它在 data/media/ 下的文件名，如 east-centre/hall.jpg）"
MEDIA_PARENT = "'{value}' 含有“..”，指向了 data/media/ 以外（图片只能取自 data/media/：请把图片放进去，这里只写它在 data/media/ 下的文件名，如 east-centre/hall.jpg）"
MEDIA_LINK_OUTSIDE = "data/media/{value} 是指向 data/media/ 以外的链接（请把图片文件本身复制进 data/media/，不要用符号链接）"
MEDIA_NOT_FILE = "data/media/{value} 是文件夹，不是图片（请写出其中图片的文件名，如 {value}/hall.jpg）"
PHOTO_BROKEN = "data/media/{value} 打不开：文件不是图片，或者没有存完整（请重新导出为 JPEG 或 PNG 再放进来）"
PHOTO_FORMAT = "data/media/{value} 是 {found} 图片，网页上的照片只能用 JPEG 或 PNG（有的手机浏览器和订阅阅读器显示不了其他格式；照片请另存为 JPEG，截图和图表请另存为 PNG）"
PHOTO_HEAVY = "data/media/{value} 有 {kb} KB，照片不能超过 {max_kb} KB（参观者多用手机流量打开页面；请把长边缩小到 2000 像素以内，另存为质量 80 左右的 JPEG，一般只有几百 KB）"
HTML_IN_TEXT = "不允许使用 HTML 标签 '{tag}'（请改用 Markdown：**加粗**、[链接文字](https://…)、- 列表）"
BAD_LINK_SCHEME = "不安全的链接 '{value}'（只允许 https://、http://、mailto: 和 tel: 链接）"
ID_CARD_NUMBER = "疑似身份证号码 '{value}'（身份证号属于个人信息，不得公开，请删除）"
PRIVATE_MOBILE = "疑似个人手机号码 '{value}'（手机号只能填在联系人或预约电话字段，且须本人同意公开）"
EMAIL_IN_TEXT = "邮箱地址 '{value}' 只能填在联系方式里（请删除；对外公开的邮箱请填在 contacts 的 email 或 visit.booking.email，且须本人同意公开）"
INVISIBLE_CHARACTER = "第 {position} 个字符是看不见的控制字符 {code}（常见于从网页、Word 或聊天软件复制的文字：请删掉这段文字，重新输入）"
MARKDOWN_TOO_LONG = "太长：{length} 个字符，最多 {limit} 个（请精简，或把内容分成几条记录）"
MARKDOWN_BRACKETS = "方括号 [ 太多：{count} 个，最多 {limit} 个（[ 用来写链接，如 [文字](https://…)；正文里的方括号请改用【】）"
MARKDOWN_TOO_DEEP = "列表或引用嵌套超过 {limit} 层（请减少缩进或行首的 >、-、* 标记）"
NOT_ONE_LINE = "这一项只能写一行，实际写了 {lines} 行（请合并成一行；分段的内容请写在 description 等可用 Markdown 的字段里）"
UNFINISHED = "“{value}”还是新建记录时的占位文字（请换成实际内容；持续集成检查时这是错误，网站不会发布）"
RESERVED_ID = "'{value}' 是网站目录页的保留名称，不能用作编号（请换一个编号，如 {value}-1）"

# References and taxonomies
UNKNOWN_TERM = "'{value}' 不在 taxonomies/{taxonomy}.yml 中（可选：{allowed}）"
UNKNOWN_TERM_GUESS = "'{value}' 不在 taxonomies/{taxonomy}.yml 中（是不是 '{suggestion}'？）"
TERM_BY_NAME = "'{value}' 是显示名称（请填写它的 id '{id}'）"
UNKNOWN_RECORD = "找不到 {collection} 中 id 为 '{value}' 的记录（请检查拼写，或先添加 data/{collection}/{value}.yml）"
UNKNOWN_RECORD_GUESS = "找不到 {collection} 中 id 为 '{value}' 的记录（是不是 '{suggestion}'？）"
UNKNOWN_STREET = marked("'{value}' 不是{district}的{街道}（可选：{allowed}）")
DUPLICATE_TERM = "分类编号 '{value}' 重复（每个编号只能出现一次）"
SYNONYM_TOO_LONG = "同义词 '{value}' 有 {count} 个字，太长（同义词是参观者在搜索框里输入的词，最多 {limit} 个字；请写成短的说法，几种说法分成几项）"
SYNONYM_SEVERAL = "同义词 '{value}' 里有“{mark}”，像是几个词写在了一项里（每个词单独一项，项与项之间用半角逗号隔开，如 [半导体, 集成电路]）"
SYNONYM_TWICE = "同义词 '{value}' 已在 {first} 写过（同一个词只写一次，大小写或全角半角不同也算同一个词：请删去这一项）"
SYNONYM_IS_NAME = "同义词 '{value}' 就是这一项的显示名称 name（搜索本来就能找到显示名称：请删去这一项）"
SYNONYM_IS_OTHER_NAME = "同义词 '{value}' 是本分类中 '{other}' 一项的显示名称（搜索这个词的参观者要找的是那一项：请删去这一项）"
THESAURUS_GROUP_SMALL = "这一组只有 {count} 个词（同义词组至少写两个意思相同的词，如 [阅读, 读书]；没有别的说法就删去这一组）"
THESAURUS_IN_TWO_GROUPS = "同义词 '{value}' 已在另一组 [{group}] 写过（{place}；一个词只能属于一组：两组说的是同一个意思就合并成一组，不是就从其中一组删去它）"
MISSING_TAXONOMY = "缺少分类文件 data/taxonomies/{name}.yml（请从其他城市的配置复制一份并修改）"
MISSING_SITE = "缺少网站配置 data/site.yml（请从示例复制一份并修改）"

# Records across files
ID_NOT_FILE_NAME = "id '{value}' 与文件名不一致（请把文件改名为 {value}.yml，或把 id 改为 '{stem}'；已印在铭牌上的 id 不要改）"
YEAR_NOT_FILE_NAME = "年度 {value} 与文件名 {stem}.yml 不一致（请把文件改名为 {value}.yml）"
BAD_FILE_NAME = "文件名 '{name}' 不能用作编号（只能用小写英文字母、数字和连字符，扩展名为 .yml）"
DUPLICATE_ID = "id '{value}' 已被 {other} 使用（每条记录的 id 必须唯一）"
ALIAS_IS_OWN_ID = marked("曾用编号 '{value}' 就是本{展示点}现在的 id（请删除这一项）")
ALIAS_IS_ID = marked("曾用编号 '{value}' 是 {other} 的 id（铭牌上的二维码只能指向一个{展示点}；请检查是否写错）")
ALIAS_TAKEN = marked("曾用编号 '{value}' 已列在 {other} 的 aliases 中（一个旧编号只能指向一个{展示点}）")
SAME_VENUE = marked("地址与 {other} 相同（同一场馆不能登记为两个{展示点}；如确为两个{展示点}，请写明楼层或房间号）")

# Record rules
DELISTED_WITHOUT_DETAILS = marked("状态为 delisted，但缺少{摘牌}信息（请添加 delisted: 并填写 date 和 reason）")
DETAILS_WITHOUT_DELISTED = marked("填写了{摘牌}信息，但状态不是 delisted（请把 status 改为 delisted，或删除 delisted 部分）")
DELISTED_BEFORE_AWARD = marked("{摘牌}日期 {date} 早于{授牌}年度 {year}（请检查日期）")
NO_BOOKING_CHANNEL = marked("已{授牌}的{展示点}必须至少有一种预约方式（请在 visit.booking 下填写 phone、url、email 或 wechat）")
UNDECLARED_EXTRA = "'{key}' 不是已声明的自定义字段（extra: 下只写 site.yml 的 extra_fields 中 collection 为 {collection} 的字段：{declared}；要加新的一项，请先在 extra_fields 中声明它的 id、label、type 和 description）"
EXTRA_ID_TWICE = "自定义字段 '{id}' 已在 extra_fields[{first}] 声明过（每个编号只声明一次：请删去这一项，或换一个编号）"
OTHER_FIELD_IS_PRIMARY = "'{value}' 已是主要领域 field，other_fields 只写其他领域（请删去这一项）"
BOOKING_IN_WALK_IN = "本项目无需预约，开放时间内可直接前往（site.yml 中 programme.booking 为 none），记录里不写预约方式（请删去 visit.booking 及其下各项，把开放时间写在 visit.hours 下；要接受预约，请把 programme.booking 改为 optional）"
CLOSE_BEFORE_OPEN = "结束时间 {close} 不晚于开始时间 {open}（请检查时间，24 小时制，下午 5 点写 \"17:00\"）"
OVERLAPPING_HOURS = "{day}的开放时间 {first} 与 {second} 重叠（请合并或调整时间段）"
DUPLICATE_ITEM = "'{value}' 重复（同一项只写一次）"
GROUP_SIZE_ORDER = "最少人数 {min} 大于最多人数 {max}（请检查人数）"
EVENT_POINT_AND_VENUE = marked("活动写了 point 又写了 venue，venue 不会显示（在{展示点}举办只写 point；不在{展示点}举办则删除 point，只写 venue）")
OUTSIDE_REGION = "坐标（{lat}, {lng}） 不在{region}范围内（请在地图上重新取点，并写明坐标系）"
LAT_LNG_SWAPPED = "坐标（{lat}, {lng}） 不在{region}范围内，纬度和经度可能填反了（请对调 lat 和 lng）"
OUTSIDE_DISTRICT = marked("坐标（{lat}, {lng}） 不在{district}范围内（请核对所在{区}或重新取点）")
END_BEFORE_START = "结束日期 {end} 早于开始日期 {start}（请检查日期）"
TARGET_YEAR_TWICE = "{year} 年的这项目标写了两次（同一年的同一种目标只写一次，请删去其中一项）"
TARGET_NO_KIND = "目标没有写明是哪一种（请写 points、count、coverage 或 share 中的一种，如 points: 30）"
TARGET_TWO_KINDS = "一个目标只能是一种，这里同时写了 {first} 和 {second}（请分成两项目标，各写一种）"
TARGET_COUNT_OF = "count 要用 of 写明数哪一类记录（of 写 points、projects、cases 或 events）"
TARGET_SHARE_OF = "share 要写 of: rated（占比目标算的是在营记录中参加评估定级的组织）"
TARGET_OF_UNUSED = "of 只和 count 或 share 一起写（{kind} 目标不用 of，请删去）"
DATE_OUTSIDE_YEAR = "日期 {date} 不在 {year} 年内（请把它写进 data/years/{date_year}.yml，或改正日期）"
TILE_KEY_MISSING = "底图为天地图，但环境变量 {env} 没有设置（请在生成网站的环境里设置天地图密钥，例如 GitHub 仓库的 Secrets；密钥不要写进文件）"
TILES_APPROVAL_MISSING = "底图为{provider}，但没有写审图号（在中国大陆公开的地图要标明审图号：请查到{provider}公布的审图号，写在 map.tiles.approval_number，如“审图号：GS(2024)0001号”）"
TILES_ABROAD = "底图为 OpenStreetMap：它的服务器在境外，在中国大陆常常打不开，而“关于本站”页写着本站不依赖境外网络服务（请改用 amap、tianditu 或 pmtiles，见编辑指南“地图的底图”）"
TILES_FILE_NEEDED = "底图为 pmtiles，但没有写地图文件（请在 map.tiles 下写 pmtiles：地图文件在 data/ 下的路径，如 map/region.pmtiles；这个文件怎样做，见编辑指南“自备底图”）"
TILES_FILE_UNUSED = "写了地图文件 pmtiles，但底图不是 pmtiles，这个文件不会发布（要用它，请把 provider 改为 pmtiles；不用，就删去这一行）"
TILES_FILE_OUTSIDE = "'{value}' 不在 data/ 下（地图文件只能取自 data/：请把它放进 data/，这里写它在 data/ 下的路径，如 map/region.pmtiles）"
TILES_FILE_MISSING = "找不到地图文件 data/{value}（请把 .pmtiles 文件放进 data/ 下，或改正路径）"
TILES_FILE_TOO_LARGE = "data/{value} 有 {size} MB，超过 GitHub 单个文件 {limit} MB 的上限（请缩小范围或最大缩放级别重新截取，如 --maxzoom=14；见编辑指南“自备底图”）"
TILES_NOT_PMTILES = "data/{value} 不是 PMTiles 文件（文件开头没有 PMTiles 标记；请用 pmtiles extract 从 Protomaps 底图截取本市范围，见编辑指南“自备底图”）"
TILES_PMTILES_VERSION = "data/{value} 是 PMTiles 第 {version} 版，本站要第 3 版（请用 pmtiles convert 转成第 3 版，或重新截取）"
TILES_NOT_VECTOR = "data/{value} 里是{kind}瓦片，本站只画矢量瓦片（MVT）（请从 Protomaps 底图截取本市范围，见编辑指南“自备底图”）"
TILES_ELSEWHERE = "data/{value} 的范围（经度 {west}～{east}，纬度 {south}～{north}）不含地图中心 region.centre（{lat}, {lng}）：地图会是空白（请按本市范围 region.bbox 重新截取）"
WORD_TOO_LONG = "“{value}”有 {count} 个字，太长（这个词出现在标题、按钮和表头里，最多 {limit} 个字；请写简称）"
WORD_BRACES = "“{value}”里有花括号（界面文字用 {{展示点}} 这样的写法代入这个词，词里不能有 {{ 或 }}；请删去）"

# The English of a record (its en: block), shown by the English edition under /en/
EN_HAS_CHINESE = "英文字段里写了中文“{text}”（英文版按英文朗读和排版这一项：请写成英文或拼音，如 Futian；还没有英文就删去这一项，英文版会照常显示中文）"
EN_WITHOUT_CHINESE = "写了 {field} 的英文，但记录没有中文的 {source}（英文是中文的译文，两个版本说的要一样：请先写中文的 {source}，或删去这一项英文）"
EN_ITEM_COUNT = "{field} 的英文有 {count} 项，中文的 {source} 有 {expected} 项（英文与中文逐项对应，第几项译第几项：请补齐或删去多出的项）"
EN_SUFFIX = "未知字段 '{key}'（英文写在 en: 下，如 en: {{{name}: …}}）"
EN_WORD_TOO_LONG = "“{value}”有 {count} 个字符，太长（这个词出现在英文版的标题、按钮和表头里，最多 {limit} 个字符；请写简称）"
BBOX_ORDER = "范围的南端纬度大于北端、或西端经度大于东端（请检查 south/north、west/east）"
REPORT_LINK_WITHOUT_CODE = "“我为政府网站找错”链接要带上本站的网站标识码，但 footer 里没有写 site_code（请写上 site_code，或删去 report_errors_link）"

NO_PLUGIN = "{config} 没有启用 showcase 插件（请在 plugins 下加上 showcase，参照仓库里的 mkdocs.yml）"
NO_CONFIG = "找不到网站配置 {config}（请在含有 mkdocs.yml 的文件夹里运行，或用 -f 指明它的位置）"
DATA_DIR_MISSING = "数据文件夹 {path} 不存在（请改正 mkdocs.yml 中 showcase 插件的 data_dir：它相对于 mkdocs.yml 所在的文件夹，如 data）"
LOCALE_MISSING = "没有界面文字文件 {path}（locale 写的是 '{locale}'，现有的语言：{available}；请改正 mkdocs.yml 中 showcase 插件的 locale，或新建这个文件）"
LOCALE_INCOMPLETE = "界面文字不全，比 {reference} 少了 {count} 条：{keys}（请从 {reference} 把这些条目复制到 {file} 的同一位置，再译成这种语言；{{count}} 这样的占位符和 {{展示点}} 这样的记号照原样保留）"
LOCALE_WHOLE_SECTION = "{section}（整段）"
LOCALE_NOT_TEXT = "应为一段文字，实际为 {got}（请照 {reference} 的这一条写成文字；以 {{ 开头的文字要加引号）"
LOCALE_NOT_SECTION = "应为一组条目（{keys}），实际为 {got}（请照 {reference} 的这一段逐条写出）"
LOCALE_BRACES = "花括号不成对（占位符写成 {{count}} 这样，左右各一个花括号；请补上缺的花括号，或删去多余的）"
LOCALE_PLACEHOLDERS = "占位符与 {reference} 不同：{problem}（这一条应有 {expected}，由程序填入实际内容：请照原样写出，不要翻译或改名）"
LOCALE_PLACEHOLDERS_LACKS = "缺少 {names}"
LOCALE_PLACEHOLDERS_EXTRA = "多了 {names}"
LOCALE_NO_PLACEHOLDERS = "{reference} 的这一条没有占位符，这里却有 {names}（程序不会填入它，网页上会照样显示花括号：请删去）"
LOCALE_NOT_MAPPING = "界面文字文件应为由“键：文字”组成的内容（请参照 zh-CN.yml 的写法）"
SITE_URL_MISSING = "mkdocs.yml 没有写网站地址（铭牌二维码要用网站的完整地址：请填写 site_url，如 https://zsd.example.cn/）"
SITE_URL_NOT_WEB = "网站地址 {url} 不是以 https:// 开头的完整网址（请写成如 https://zsd.example.cn/）"
SITE_URL_SLASH = "网站地址 {url} 末尾缺少 /（请写成 {url}/：地址是网站所在的文件夹，二维码、订阅源和站点地图里的链接都接在它后面）"
SITE_URL_HTTP = "网站地址 {url} 用的是 http://（请改用 https://{rest}：GitHub Pages 为自定义域名提供 HTTPS；印在铭牌上的 http 地址会被微信和浏览器提示“不安全”，且印出后无法再改）"
SITE_URL_PROOF = ("网站地址 {url} 是 GitHub 的 github.io 地址，铭牌、卡片和二维码图片都标为“样稿（校样，不可印制）”，不要拿去印制。"
                  "印在铭牌上的二维码要用主管单位自己的域名：域名经过 ICP 备案，在中国大陆能稳定打开（github.io 在大陆常常很慢或打不开）；"
                  "以后换托管服务、加大陆镜像，都只需改域名解析，挂在门口的铭牌不用重印"
                  "（请为网站设置自己的域名，写进 mkdocs.yml 的 site_url，如 https://zsd.example.cn/；做法见编辑指南“网站的域名”）")

SCHEMA_STALE = ("编辑器用的这份 JSON Schema 与现在的分类、用词或自定义字段不一致"
                "（请运行 showcase schemas 更新 data/schemas/，再一并提交；VS Code 的提示才会跟上）")

# Permalinks: the addresses printed in the plaques' QR codes
PERMALINK_GONE = marked("永久链接 {permalink} 已经发布（印在铭牌二维码上），但已没有{展示点}使用编号 '{slug}'（请恢复该{展示点}的记录，停止展示时把 status 改为 delisted 而不要删除文件；如果改了 id，请在新记录的 aliases 中写上 '{slug}'。新城市的登记文件从空白开始：这一行若是从别的城市带来的，请删去它）")
PERMALINKS_GONE_MANY = marked("{count} 个已经发布的永久链接（第一个是 {first}）已没有{展示点}使用。新城市：这个登记文件是从别的城市（如示例城市）带来的，新城市应从空白的登记文件开始（用 showcase init 新建城市，或删去 {lock} 中不以 # 开头的所有行）。已发布过的城市：这些链接印在铭牌二维码上，请恢复这些{展示点}的记录（停止展示时把 status 改为 delisted 而不要删除文件；改了 id 的，在新记录的 aliases 中写上旧 id）")
PERMALINK_NOT_LOCKED = "新的永久链接 {permalink} 还没有记入 {lock}（在本地运行 make build 或 showcase build 会自动写入，再把该文件一并提交；也可以手工在文件末尾加一行 {permalink}）"
PERMALINK_LOCK_MISSING = "缺少永久链接登记文件 {lock}（在本地运行 make build 或 showcase build 会自动生成，再把它提交）"
PERMALINK_BAD_LINE = "'{value}' 不是永久链接（每行写一个，形如 v/east-centre/；以 # 开头的行是注释）"
PERMALINKS_ADDED = "已把 {count} 个新的永久链接记入 {lock}（请把该文件一并提交）"
PERMALINKS_PENDING = "{count} 个新的永久链接将在生成网站时记入 {lock}"
PERMALINK_LOCK_HEADER = (
    "# 已发布的永久链接：每块铭牌上二维码里的地址，每行一个。\n"
    "# 生成网站时自动追加新链接，请随数据一并提交。不要删除任何一行：\n"
    "# 铭牌会在门口挂很多年，这里的每个链接都必须一直能打开。\n")
PERMALINK_LOCK_NEW_CITY = "# 新城市从空白的登记文件开始（由 showcase init 生成）：此后生成网站时只会在末尾增加新的行，不会删去任何一行。\n"
HOLIDAY_END_BEFORE_START = "放假最后一天 {end} 早于第一天 {start}（请检查日期）"

# Warnings: published, but worth a look
WARNING_PREFIX = "提醒"
NO_COORDINATES = "没有坐标，页面不显示地图（如需显示，请在 location.coordinates 下填写）"

# Chinese typography: the copywriting lint of showcase check (typography.py), a warning or
# an error as site.yml's typography says; showcase check --fix writes the suggestions
TYPOGRAPHY_PUNCTUATION = "中文标点应使用全角（建议写作：{suggestion}）"
TYPOGRAPHY_BRACKETS = "中文括号应使用全角（）（建议写作：{suggestion}）"
TYPOGRAPHY_QUOTES = "中文引号应使用全角“”（建议写作：{suggestion}）"
TYPOGRAPHY_SPACE = "中文与英文、数字之间应加空格（建议写作：{suggestion}）"
TYPOGRAPHY_NO_SPACE = "全角标点前后不加空格（建议写作：{suggestion}）"
TYPOGRAPHY_HALFWIDTH = "英文字母和数字应使用半角（建议写作：{suggestion}）"
TYPOGRAPHY_OTHER = "排版不规范（建议写作：{suggestion}）"
TYPOGRAPHY_ENGLISH = "英文的标点应使用半角（en: 下写的是英文；建议写作：{suggestion}）"
TYPOGRAPHY_UNSAFE_FIX = "这段文字改正后会改变文件的结构，没有自动改正（请手工改为：{suggestion}；文字里有 # 或冒号时，给整段文字加上引号）"
TYPOGRAPHY_NOT_FOLLOWED = "这段文字的写法无法逐字对应到文件中，没有自动改正（请手工改为：{suggestion}）"
TYPOGRAPHY_FIXED = "已改正 {file} 中的 {count} 段文字"
TYPOGRAPHY_NOTHING_TO_FIX = "没有需要改正的中文排版"

# The command line
CLI_DESCRIPTION = "社会组织名录：新建城市、检查数据、生成和预览网站。"
CLI_CHECK = "检查生成网站所需的一切（数据、网站地址、界面文字、铭牌字形），不生成网站"
USING_DEMO = ("{data} 里还没有城市的数据（没有 site.yml），先用示例城市 {config}。"
              "开始自己的城市：showcase init <城市名>")
CLI_CONFIG = "网站配置文件；不写则用 mkdocs.yml（data/ 里还没有城市时用示例城市的）"
CLI_CHECK_DATA = "检查这个数据文件夹，而不是 mkdocs.yml 中 data_dir 所指的文件夹"
CLI_CHECK_FIX = "先按中文排版检查的建议改正数据文件中的文字（只改这些字，其余一字不动），再检查"
CLI_BUILD = "检查数据并生成网站（出错时保留上一次生成的网站）"
CLI_SERVE = "在 http://127.0.0.1:8000 预览网站，修改数据后自动刷新"
CLI_NEW = "新建一条记录（point 名录里的一处场馆、project 品牌项目、case 典型案例、year 年度），每个字段附说明，可直接通过检查"
NEW_BAD_ID = "'{value}' 不能用作 id（只用小写字母、数字和连字符，如 east-new-centre;id 会印在铭牌二维码里，定了就不要再改）"
NEW_BAD_YEAR = "'{value}' 不是年份（年度文件以年份命名，如 2027）"
NEW_EXISTS = "{path} 已经存在（请换一个 id，或直接编辑这个文件）"
NEW_HEADER = "新建的记录：把以“请填写”开头的内容换成实际信息；以 # 开头的是说明和可选字段，需要时去掉 # 填写。"
NEW_OK = "已创建 {path}：请把以“请填写”开头的内容换成实际信息，再运行 showcase check 检查。"
CLI_SCHEMAS = "根据数据结构重新生成 data/schemas/ 下的 JSON Schema 文件"
CLI_INIT = "为一个新城市新建数据文件夹：说明齐全的 site.yml 和各分类文件、空的永久链接登记文件、法定节假日和编辑器用的 JSON Schema"
CLI_INIT_CITY = "城市名称，如 某某县"
CLI_INIT_BUREAU = "主管部门名称，如 某某县民政局（不写则在 site.yml 中待填写）"
CLI_INIT_SITE_URL = "网站发布的地址，写进 mkdocs.yml 的 site_url，如 https://zsd.example.cn/（主管单位自己的域名；github.io 的地址只能印样稿）"
CLI_INIT_DATA = "新建在这个数据文件夹里（默认 data）"
CLI_INIT_FORCE = "数据文件夹里已有记录或 site.yml 时，先删去它们（记录、图片、分类、配置和永久链接登记文件）再新建；不会改动 examples/"
INIT_BAD_CITY = "城市名称不能为空，也只能写一行（如 showcase init 某某县）"
INIT_RECORDS = "{count} 条记录"
INIT_NOT_EMPTY = "{data} 里已经有城市的数据（{found}），showcase init 不会覆盖它（新城市请用空的数据文件夹，或用 --data 指明另一个文件夹；确实不要这些数据、要重新开始，再加上 --force）"
INIT_EXAMPLES = "{data} 在 examples/ 下，是测试要用的示例数据，showcase init --force 不会删除它（请在项目的 data/ 或另一个文件夹里新建城市）"
INIT_SITE_HEADER = "{city}的网站配置（由 showcase init 生成）：把以“请填写”开头的内容换成实际信息；以 # 开头的行是说明和可选设置，需要时去掉 # 再填写。"
INIT_SHORT_TITLE_TODO = "请填写简称"
INIT_AWARD_TODO = "请填写授予的说法"  # at most 12 characters, as the words are
INIT_DELISTING_TODO = "请填写撤销的说法"
# what the files init writes call a record, until the city names them (programme.short_title)
INIT_RECORD_WORD = "记录"
INIT_AWARD_WORD = "设立"  # what init writes says these until the city names its own words
INIT_DELISTING_WORD = "撤销"
INIT_REGION_TODO = "请填写：地区名称，并把下面 bbox 和 centre 的数值换成本地区的"
INIT_BBOX_NOTE = "下面是全国范围的占位数值：请换成本地区的范围，在地图上量出最南、最西、最北、最东处的纬度和经度（WGS-84）。"
INIT_CENTRE_NOTE = "下面是占位数值：请换成本地区地图中心的纬度和经度。"
INIT_TILES_NOTE = "高德地图在中国大陆加载快，不需要密钥。也可以写 tianditu（天地图：密钥放在生成网站的环境变量 TIANDITU_KEY 里，不写进文件），或 pmtiles（本站自带的地图文件，不向任何其他网站请求：再写 pmtiles: map/region.pmtiles，做法见编辑指南“自备底图”）。"
INIT_APPROVAL_TODO = "请填写：底图服务公布的审图号，如“审图号：GS(2024)0001号”（用 pmtiles 时可删去这一行）"
INIT_FOOTER_NOTE = "政府网站每页底部的网站信息：办好 ICP 备案、公安机关备案，取得网站标识码后，去掉下面有关各行行首的 #，照备案系统上的写法填写（检查会核对写法）；用不到的项不写。"
INIT_TAXONOMY_HEADER = "每项一个分类，下面是一项的写法：把 example 和以“请填写”开头的内容换成实际的分类，再照样添加其他各项。id 会写进记录和网址，发布后不要再改。"
INIT_TAXONOMY_OPTIONAL = "这个分类先空着（[]），本市用到时再填：照下面注释里一项的写法逐项添加（去掉行首的 #），再删去最后的 []。id 会写进记录和网址，发布后不要再改。"
INIT_THESAURUS = "这个文件先空着（[]），本市用到时再填：每组写一行，以“- ”开头，如下面注释里的两组（去掉行首的 #），再删去最后的 []。这里写记录里的说法，如行业、活动、地名。"
INIT_THESAURUS_EXAMPLES = ("- [志愿服务, 志愿者, 义工, volunteer]", "- [阅读, 读书]")
INIT_OK = "已为{city}新建数据文件夹 {data}（写入 {count} 个文件）。下一步：把 {data}/site.yml 和 {data}/taxonomies/ 中以“请填写”开头的内容换成实际信息，再运行 showcase check；每一步见编辑指南的“新城市”一章。"
INIT_PROOF = "网站地址还是 {url}（github.io 的地址）：在 mkdocs.yml 的 site_url 换成主管单位自己的域名之前，铭牌和二维码都标为“样稿（校样，不可印制）”，只能校对，不能印制；做法见编辑指南“网站的域名”。"
CHECK_OK = marked("数据检查通过：{points} 个{展示点}、{projects} 个品牌项目、{cases} 篇典型案例、{years} 个年度。")
BUILD_OK = "网站已生成：{path}"
FILES_WRITTEN = "已写入 {count} 个生成的文件（用时 {seconds:.1f} 秒）"

# Plaques (print-ready PDF and SVG)
FONT_MISSING = "找不到铭牌所需的中文字体 {family}（请安装 Debian 的 fonts-noto-cjk 和 fontconfig:make serve / make test 会自动安装）"
FONT_NO_GLYPH = "字体 {font} 中没有“{char}”（{code}）的字形，铭牌上印不出这个字（请改用常用写法）"
