"""What the generator tells editors, in their language: one catalogue, one place.

Each message says what is wrong and, in full-width parentheses, what to do.
"""

ERROR_COUNT = "{count} errors(共 {count} 个错误;网站未生成,上一次生成的网站保持不变)"

# Loading
YAML_SYNTAX = "YAML 格式错误:{problem}(请检查这一行及上一行的缩进、冒号和引号)"
YAML_COLON_IN_VALUE = "这里不能再出现“字段: 值”,常见原因是冒号后缺空格,或文字里有冒号没加引号"
YAML_TAB = "这里有不能出现的字符,常见原因是用了 Tab 键缩进(只能用空格)或以 @、` 开头的文字没加引号"
YAML_INDENT = "缩进不一致,同一层的字段要左对齐"
YAML_UNCLOSED_LIST = "列表缺少逗号或右方括号 ]"
YAML_UNCLOSED_MAPPING = "缺少逗号或右花括号 }"
YAML_MISSING_COLON = "缺少冒号"
YAML_UNCLOSED_QUOTE = "引号没有闭合"
YAML_UNDEFINED_ALIAS = "引用了未定义的锚点 *"
NOT_UTF8 = "文件不是 UTF-8 编码(第 {position} 个字节处;请用 UTF-8 编码另存此文件)"
MULTIPLE_DOCUMENTS = "一个文件只能有一条记录(请删除 --- 及其后的内容,另建一个文件)"
DUPLICATE_KEY = "字段 '{key}' 重复,第 {line} 行已经写过(请删除其中一处,只保留正确的值)"
UNSUPPORTED_TAG = "不支持 YAML 标签 {tag}(请去掉以 ! 开头的标签)"
COMPLEX_KEY = "字段名必须是简单文字(请检查这一行的写法)"
MERGE_KEY = "不支持 YAML 合并键 <<(请把要复用的字段直接写出来)"

# Shapes and types
EXPECTED_MAPPING = "应为由“字段: 值”组成的一组内容,实际为 {got}(请参照字段说明调整缩进)"
EXPECTED_LIST = "应为列表,实际为 {got}(请写成 [a, b] 或每项一行、以“- ”开头)"
EXPECTED_TEXT = "应为文字,实际为 {got}(请直接写文字)"
EXPECTED_INT = "应为整数,实际为 {got}(请写阿拉伯数字,不加引号,如 2024)"
EXPECTED_NUMBER = "应为数字,实际为 {got}(请写阿拉伯数字,不加引号,如 22.5431)"
EXPECTED_BOOL = "应为 true 或 false,实际为 {got}(请写 true 或 false)"
YAML11_BOOL = "'{value}' 在这里不表示是或否(请写 true 或 false)"
EXPECTED_DATE = "应为日期,实际为 {got}(请写成 YYYY-MM-DD,如 2024-11-08)"
INVALID_DATE = "'{value}' 不是有效日期(请写成 YYYY-MM-DD,如 2024-11-08)"
EMPTY_TEXT = "不能为空(请填写内容,或删除这一行)"
MISSING_FIELD = "缺少必填字段 '{name}'({doc})"
UNKNOWN_FIELD = "未知字段 '{key}'(是不是 '{suggestion}'?)"
UNKNOWN_FIELD_NO_GUESS = "未知字段 '{key}'(可用字段:{allowed})"
NOT_A_CHOICE = "'{value}' 不是可选值(可选:{allowed})"
NOT_A_CHOICE_GUESS = "'{value}' 不是可选值(是不是 '{suggestion}'?可选:{allowed})"
TOO_SMALL = "{value} 小于允许的最小值 {minimum}(请检查数值)"
TOO_LARGE = "{value} 大于允许的最大值 {maximum}(请检查数值)"

# Text formats
BAD_SLUG = "'{value}' 不能用作编号(只能用小写英文字母、数字和连字符,如 futian-vr-industry)"
BAD_URL = "网址必须以 https:// 或 http:// 开头,实际为 '{value}'(请填写完整网址,如 https://example.org/booking)"
BAD_PHONE = "'{value}' 不是有效的电话号码(固定电话写成“区号-号码”,如 010-12345678,也可写 400/800 号码或短号)"
BAD_REPORT_TARGET = "'{value}' 既不是 https:// 开头的网址,也不是邮箱地址(纠错链接要打开一个网址或写一封邮件:请写如 https://github.com/<机构>/<仓库>/issues/new 或 jiucuo@example.org)"
BAD_EMAIL = "'{value}' 不是有效的邮箱地址(如 visit@example.org)"
BAD_TIME = "'{value}' 不是有效时间(24 小时制并加引号,如 \"09:30\")"
TIME_AS_NUMBER = "时间 {value} 被当成了数字(请加引号,如 \"{suggestion}\")"
TIME_AS_MINUTES = "时间 {value} 被当成了数字:这是把 {suggestion} 按六十进制算成的分钟数,旧版 YAML 会这样读不加引号的时间(请加引号,写成 \"{suggestion}\")"
BOOKING_NOT_HTTPS = "预约网址必须以 https:// 开头,实际为 '{value}'(预约要填写姓名和电话,须加密传输;请向预约系统确认 https 地址)"
BAD_ENV_NAME = "'{value}' 不是环境变量名(只用大写字母、数字和下划线,如 TIANDITU_KEY;密钥本身不要写在这里)"
MEDIA_MISSING = "找不到图片文件 data/media/{value}(请把图片放进 data/media/ 或改正文件名)"
HTML_IN_TEXT = "不允许使用 HTML 标签 '{tag}'(请改用 Markdown:**加粗**、[链接文字](https://…)、- 列表)"
BAD_LINK_SCHEME = "不安全的链接 '{value}'(只允许 https://、http://、mailto: 和 tel: 链接)"
ID_CARD_NUMBER = "疑似身份证号码 '{value}'(身份证号属于个人信息,不得公开,请删除)"
PRIVATE_MOBILE = "疑似个人手机号码 '{value}'(手机号只能填在联系人或预约电话字段,且须本人同意公开)"

# References and taxonomies
UNKNOWN_TERM = "'{value}' 不在 taxonomies/{taxonomy}.yml 中(可选:{allowed})"
UNKNOWN_TERM_GUESS = "'{value}' 不在 taxonomies/{taxonomy}.yml 中(是不是 '{suggestion}'?)"
TERM_BY_NAME = "'{value}' 是显示名称(请填写它的 id '{id}')"
UNKNOWN_RECORD = "找不到 {collection} 中 id 为 '{value}' 的记录(请检查拼写,或先添加 data/{collection}/{value}.yml)"
UNKNOWN_RECORD_GUESS = "找不到 {collection} 中 id 为 '{value}' 的记录(是不是 '{suggestion}'?)"
UNKNOWN_STREET = "'{value}' 不是{district}的街道(可选:{allowed})"
DUPLICATE_TERM = "分类编号 '{value}' 重复(每个编号只能出现一次)"
MISSING_TAXONOMY = "缺少分类文件 data/taxonomies/{name}.yml(请从其他城市的配置复制一份并修改)"
MISSING_SITE = "缺少网站配置 data/site.yml(请从示例复制一份并修改)"

# Records across files
ID_NOT_FILE_NAME = "id '{value}' 与文件名不一致(请把文件改名为 {value}.yml,或把 id 改为 '{stem}';已印在铭牌上的 id 不要改)"
YEAR_NOT_FILE_NAME = "年度 {value} 与文件名 {stem}.yml 不一致(请把文件改名为 {value}.yml)"
BAD_FILE_NAME = "文件名 '{name}' 不能用作编号(只能用小写英文字母、数字和连字符,扩展名为 .yml)"
DUPLICATE_ID = "id '{value}' 已被 {other} 使用(每条记录的 id 必须唯一)"
ALIAS_IS_OWN_ID = "曾用编号 '{value}' 就是本展示点现在的 id(请删除这一项)"
ALIAS_IS_ID = "曾用编号 '{value}' 是 {other} 的 id(铭牌上的二维码只能指向一个展示点;请检查是否写错)"
ALIAS_TAKEN = "曾用编号 '{value}' 已列在 {other} 的 aliases 中(一个旧编号只能指向一个展示点)"
SAME_VENUE = "地址与 {other} 相同(同一场馆不能登记为两个展示点;如确为两个展示点,请写明楼层或房间号)"

# Record rules
DELISTED_WITHOUT_DETAILS = "状态为 delisted,但缺少摘牌信息(请添加 delisted: 并填写 date 和 reason)"
DETAILS_WITHOUT_DELISTED = "填写了摘牌信息,但状态不是 delisted(请把 status 改为 delisted,或删除 delisted 部分)"
DELISTED_BEFORE_AWARD = "摘牌日期 {date} 早于授牌年度 {year}(请检查日期)"
NO_BOOKING_CHANNEL = "已授牌的展示点必须至少有一种预约方式(请在 visit.booking 下填写 phone、url、email 或 wechat)"
CLOSE_BEFORE_OPEN = "结束时间 {close} 不晚于开始时间 {open}(请检查时间,24 小时制,下午 5 点写 \"17:00\")"
OVERLAPPING_HOURS = "{day}的开放时间 {first} 与 {second} 重叠(请合并或调整时间段)"
DUPLICATE_ITEM = "'{value}' 重复(同一项只写一次)"
GROUP_SIZE_ORDER = "最少人数 {min} 大于最多人数 {max}(请检查人数)"
OUTSIDE_REGION = "坐标 ({lat}, {lng}) 不在{region}范围内(请在地图上重新取点,并写明坐标系)"
LAT_LNG_SWAPPED = "坐标 ({lat}, {lng}) 不在{region}范围内,纬度和经度可能填反了(请对调 lat 和 lng)"
OUTSIDE_DISTRICT = "坐标 ({lat}, {lng}) 不在{district}范围内(请核对所在区或重新取点)"
END_BEFORE_START = "结束日期 {end} 早于开始日期 {start}(请检查日期)"
TARGET_YEAR_TWICE = "{year} 年的目标写了两次(每年只写一个目标,请删去其中一项)"
DATE_OUTSIDE_YEAR = "日期 {date} 不在 {year} 年内(请把它写进 data/years/{date_year}.yml,或改正日期)"
TILE_KEY_MISSING = "底图为天地图,但环境变量 {env} 没有设置(请在生成网站的环境里设置天地图密钥,例如 GitHub 仓库的 Secrets;密钥不要写进文件)"
BBOX_ORDER = "范围的南端纬度大于北端、或西端经度大于东端(请检查 south/north、west/east)"

SITE_URL_MISSING = "mkdocs.yml 没有写网站地址(铭牌二维码要用网站的完整地址:请填写 site_url,如 https://example.github.io/showcase-directory/)"
SITE_URL_NOT_WEB = "网站地址 {url} 不是以 https:// 开头的完整网址(请写成如 https://example.github.io/showcase-directory/)"
SITE_URL_SLASH = "网站地址 {url} 末尾缺少 /(请写成 {url}/:地址是网站所在的文件夹,二维码、订阅源和站点地图里的链接都接在它后面)"
SITE_URL_HTTP = "网站地址 {url} 用的是 http://(请改用 https://{rest}:GitHub Pages 为自定义域名提供 HTTPS;印在铭牌上的 http 地址会被微信和浏览器提示“不安全”,且印出后无法再改)"

# Permalinks: the addresses printed in the plaques' QR codes
PERMALINK_GONE = "永久链接 {permalink} 已经发布(印在铭牌二维码上),但已没有展示点使用编号 '{slug}'(请恢复该展示点的记录,停止展示时把 status 改为 delisted 而不要删除文件;如果改了 id,请在新记录的 aliases 中写上 '{slug}')"
PERMALINK_NOT_LOCKED = "新的永久链接 {permalink} 还没有记入 {lock}(在本地运行 make build 或 showcase build 会自动写入,再把该文件一并提交;也可以手工在文件末尾加一行 {permalink})"
PERMALINK_LOCK_MISSING = "缺少永久链接登记文件 {lock}(在本地运行 make build 或 showcase build 会自动生成,再把它提交)"
PERMALINK_BAD_LINE = "'{value}' 不是永久链接(每行写一个,形如 v/futian-vr-industry/;以 # 开头的行是注释)"
PERMALINKS_ADDED = "已把 {count} 个新的永久链接记入 {lock}(请把该文件一并提交)"
PERMALINKS_PENDING = "{count} 个新的永久链接将在生成网站时记入 {lock}"
PERMALINK_LOCK_HEADER = (
    "# 已发布的永久链接:每个展示点铭牌二维码里的地址,每行一个。\n"
    "# 生成网站时自动追加新链接,请随数据一并提交。不要删除任何一行:\n"
    "# 铭牌会在门口挂很多年,这里的每个链接都必须一直能打开。\n")
HOLIDAY_END_BEFORE_START = "放假最后一天 {end} 早于第一天 {start}(请检查日期)"

# Warnings: published, but worth a look
WARNING_PREFIX = "提醒"
NO_COORDINATES = "没有坐标,页面不显示地图(如需显示,请在 location.coordinates 下填写)"

# The command line
CLI_DESCRIPTION = "社会组织交流服务展示点名录:检查数据、生成和预览网站。"
CLI_CHECK = "只检查 data/ 下的数据,不生成网站"
CLI_BUILD = "检查数据并生成网站(出错时保留上一次生成的网站)"
CLI_SERVE = "在 http://127.0.0.1:8000 预览网站,修改数据后自动刷新"
CLI_SCHEMAS = "根据数据结构重新生成 data/schemas/ 下的 JSON Schema 文件"
CHECK_OK = "数据检查通过:{points} 个展示点、{projects} 个品牌项目、{cases} 篇典型案例、{years} 个年度。"
BUILD_OK = "网站已生成:{path}"
FILES_WRITTEN = "已写入 {count} 个生成的文件(用时 {seconds:.1f} 秒)"

# Plaques (print-ready PDF and SVG)
FONT_MISSING = "找不到铭牌所需的中文字体 {family}(请安装 Debian 的 fonts-noto-cjk 和 fontconfig:make serve / make test 会自动安装)"
FONT_NO_GLYPH = "字体 {font} 中没有“{char}”({code})的字形,铭牌上印不出这个字(请改用常用写法)"
