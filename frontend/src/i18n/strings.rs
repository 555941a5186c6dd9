//! Every fixed string of the interface, Chinese first. Messages that come from the server or the
//! shared rules arrive as [`domain::text::Text`] and are not repeated here.

use super::{L, l};

// --- frame -------------------------------------------------------------------------------------
pub const SYSTEM_NAME: L = l(
    "残疾人就业和职业培训实名制统计管理系统",
    "Employment & Training Real-Name System",
);
pub const SKIP_TO_CONTENT: L = l("跳到主要内容", "Skip to main content");
pub const SWITCH_LANG: L = l("English", "中文");
pub const SWITCH_LANG_LABEL: L = l("切换到英文界面", "Switch to Chinese");
pub const LOGOUT: L = l("退出", "Log out");
pub const MAIN_MENU: L = l("主菜单", "Main menu");
pub const LOADING: L = l("正在加载…", "Loading…");
pub const STARTING: L = l("正在连接…", "Connecting…");
pub const USER_INFO: L = l("当前用户", "Signed in as");
pub const NOT_FOUND_PAGE: L = l("页面不存在", "Page not found");
pub const NO_ACCESS: L = l("您无权访问此页面", "You are not allowed to see this page");
pub const BACK_HOME: L = l("返回首页", "Back to the start page");
pub const WELCOME: L = l("欢迎使用", "Welcome");
pub const PASSWORD_EXPIRES: L = l("密码有效期至", "Password valid until");

// --- menu --------------------------------------------------------------------------------------
pub const MENU_REGIONS: L = l("区划", "Regions");
pub const MENU_AGENCY: L = l("本机构", "My agency");
pub const MENU_ACCOUNTS: L = l("账号管理", "Accounts");
pub const MENU_AUDIT: L = l("审计日志", "Audit log");
pub const MENU_ACCESS: L = l("访问记录", "Access log");

// --- session -----------------------------------------------------------------------------------
pub const SESSION_TIMED_OUT: L = l(
    "会话已超时，请重新登录",
    "Session timed out; please log in again",
);
pub const SESSION_EXPIRED: L = l(
    "登录已过期，请重新登录",
    "Your session has expired; please log in again",
);
pub const LOGGED_OUT: L = l("您已安全退出", "You have logged out");
pub const NETWORK_ERROR: L = l(
    "无法连接服务器，请检查网络后重试",
    "Cannot reach the server; check the network and try again",
);
pub const DECODE_ERROR: L = l(
    "服务器返回了无法识别的数据",
    "The server sent an answer that could not be read",
);

// --- login -------------------------------------------------------------------------------------
pub const LOGIN_TITLE: L = l("用户登录", "Log in");
pub const USERNAME: L = l("用户名", "Username");
pub const USERNAME_HINT: L = l(
    "管理员账号的用户名为本级区划代码",
    "Administrator accounts use their region code as username",
);
pub const PASSWORD: L = l("密码", "Password");
pub const LOGIN_SUBMIT: L = l("登录", "Log in");
pub const LOGGING_IN: L = l("正在登录…", "Logging in…");
pub const REQUIRED_BOTH: L = l("请输入用户名和密码", "Enter your username and password");

// --- two-factor login --------------------------------------------------------------------------
pub const MFA_TITLE: L = l("双因素登录", "Two-factor login");
pub const MFA_INTRO: L = l(
    "请输入手机身份验证器应用中显示的6位动态码。手机不在身边时，可输入一个恢复码（每个只能使用一次）。",
    "Enter the six-digit code your authenticator app shows. Without your phone, enter one of your recovery codes (each works once).",
);
pub const MFA_CODE: L = l("动态码或恢复码", "Code or recovery code");
pub const MFA_CODE_HINT: L = l(
    "6位数字，或形如 ABCD-EFGH-JKMN-PQRS 的恢复码",
    "Six digits, or a recovery code like ABCD-EFGH-JKMN-PQRS",
);
pub const MFA_CODE_BAD: L = l(
    "请输入6位数字动态码或16位恢复码",
    "Enter the six-digit code or a sixteen-character recovery code",
);
pub const MFA_SUBMIT: L = l("验证并登录", "Verify and log in");
pub const MFA_CHECKING: L = l("正在验证…", "Verifying…");
pub const MFA_BACK: L = l("返回重新输入密码", "Back to the password");
pub const MFA_LOST: L = l(
    "手机丢失且恢复码用完时，请联系上级管理员重置双因素登录。",
    "If your phone is lost and no recovery code is left, ask your superior administrator to reset two-factor login.",
);
pub const ENROL_TITLE: L = l("绑定身份验证器", "Set up two-factor login");
pub const ENROL_INTRO: L = l(
    "管理员账号和省本级账号须使用双因素登录：除密码外，每次登录还需输入手机身份验证器应用中的动态码。",
    "Administrator accounts and the province's accounts log in with two factors: besides the password, a code from an authenticator app on your phone.",
);
pub const ENROL_STEP_SCAN: L = l(
    "第一步：在手机上打开身份验证器应用（如 Microsoft Authenticator、Google 身份验证器、FreeOTP），扫描下方二维码。",
    "Step 1: open an authenticator app on your phone (such as Microsoft Authenticator, Google Authenticator or FreeOTP) and scan the QR code below.",
);
pub const ENROL_QR_LABEL: L = l("身份验证器二维码", "QR code for the authenticator app");
pub const ENROL_SECRET: L = l(
    "无法扫描时，在应用中手动输入密钥",
    "Cannot scan? Type this key into the app",
);
pub const ENROL_STEP_CODE: L = l(
    "第二步：输入应用显示的6位动态码，完成绑定。",
    "Step 2: enter the six-digit code the app shows to finish.",
);
pub const ENROL_CODE: L = l("6位动态码", "Six-digit code");
pub const ENROL_SUBMIT: L = l("完成绑定", "Turn on two-factor login");
pub const RECOVERY_TITLE: L = l("恢复码", "Recovery codes");
pub const RECOVERY_INTRO: L = l(
    "双因素登录已开启。请打印或抄写下列恢复码并妥善保管：手机不在身边时，每个恢复码可代替动态码登录一次。恢复码只显示这一次。",
    "Two-factor login is on. Print or write down these recovery codes and keep them safe: each logs you in once in place of an app code. They are shown only now.",
);
pub const RECOVERY_PRINT: L = l("打印恢复码", "Print the codes");
pub const RECOVERY_DONE: L = l("我已保存恢复码，继续", "I have kept the codes; continue");
pub const LAST_LOGIN: L = l("上次登录", "Last login");
pub const LAST_LOGIN_FROM: L = l("来自", "from");
pub const LAST_LOGIN_UNKNOWN_IP: L = l("未知地址", "an unknown address");
pub const FIRST_LOGIN: L = l("这是您的首次登录。", "This is your first login.");
pub const FAILED_SINCE: L = l(
    "此后有失败的登录尝试，次数：",
    "Failed login attempts since then: ",
);
pub const FAILED_SINCE_ADVICE: L = l(
    "如果不是您本人操作，请立即修改密码并告知上级管理员。",
    "If that was not you, change your password now and tell your superior administrator.",
);
pub const MFA_STATUS: L = l("双因素登录", "Two-factor login");
pub const MFA_ON: L = l("已开启", "On");
pub const MFA_OFF: L = l("未开启", "Off");
pub const RECOVERY_LEFT: L = l("剩余恢复码", "Recovery codes left");
pub const RESET_MFA: L = l("重置双因素登录", "Reset two-factor login");
pub const CONFIRM_RESET_MFA: L = l(
    "重置后该账号的身份验证器和恢复码失效、现有会话结束，持有人下次登录时须重新绑定。确定重置？",
    "The account's authenticator and recovery codes stop working and its sessions end; the holder sets up two-factor login again at the next login. Reset?",
);

// --- sessions ----------------------------------------------------------------------------------
pub const SESSIONS_TITLE: L = l("我的登录会话", "My sessions");
pub const SESSIONS_INTRO: L = l(
    "您的账号当前在以下浏览器或程序中保持登录。如有您不认识的会话，请结束它并修改密码。",
    "Your account is signed in in the browsers and programs below. If you do not recognise one, end it and change your password.",
);
pub const SESSIONS_MAX: L = l(
    "同一账号最多同时保持的会话数：",
    "Sessions one account may hold at once: ",
);
pub const SESSIONS_TABLE: L = l("登录会话列表", "Sessions");
pub const SESSIONS_LINK: L = l("查看和结束登录会话", "See and end your sessions");
pub const COL_DEVICE: L = l("浏览器 / 系统", "Browser / system");
pub const COL_SESSION_START: L = l("登录时间", "Signed in");
pub const COL_SESSION_SEEN: L = l("最近活动", "Last active");
pub const COL_SESSION_STATE: L = l("状态", "State");
pub const COL_ACTIONS: L = l("操作", "Actions");
pub const SESSION_CURRENT: L = l("当前会话", "This session");
pub const SESSION_OTHER: L = l("其他会话", "Other session");
pub const END_SESSION: L = l("结束", "End");
pub const END_OTHER_SESSIONS: L = l("结束其他全部会话", "End all other sessions");
pub const CONFIRM_END_SESSION: L = l(
    "结束后，该会话所在的浏览器或程序须重新登录。确定结束这个会话？",
    "The browser or program of that session will have to log in again. End it?",
);
pub const CONFIRM_END_OTHER_SESSIONS: L = l(
    "除当前会话外，您账号的所有会话都将结束，须重新登录。确定结束？",
    "Every session of your account but this one ends and has to log in again. End them?",
);
pub const SESSIONS_ENDED: L = l("已结束的会话数：", "Sessions ended: ");
pub const ACCOUNT_SESSIONS: L = l("登录会话", "Sessions");
pub const ACCOUNT_SESSIONS_NONE: L = l(
    "该账号当前没有登录会话。",
    "The account is not signed in anywhere.",
);
pub const END_ACCOUNT_SESSIONS: L = l("结束全部会话", "End all sessions");
pub const CONFIRM_END_ACCOUNT_SESSIONS: L = l(
    "结束后该账号在所有浏览器和程序中都须重新登录，密码不变。确定结束？",
    "The account has to log in again everywhere; its password stays. End all its sessions?",
);

// --- password change ---------------------------------------------------------------------------
pub const CHANGE_TITLE: L = l("修改密码", "Change your password");
pub const CHANGE_INTRO: L = l(
    "首次登录、使用一次性密码或密码已过期时，须先设置新密码。",
    "You must set a new password at first login, after a one-time password, or when the password has expired.",
);
pub const CURRENT_PASSWORD: L = l("当前密码（或一次性密码）", "Current (or one-time) password");
pub const NEW_PASSWORD: L = l("新密码", "New password");
pub const REPEAT_PASSWORD: L = l("再次输入新密码", "Repeat the new password");
pub const RULES_TITLE: L = l("密码要求", "Password rules");
pub const RULE_CHAR_CLASSES: L = l(
    "包含大写字母、小写字母、数字、符号中的至少三类",
    "Three of: upper-case, lower-case, digits, symbols",
);
pub const RULE_NO_USERNAME: L = l("不包含用户名", "Does not contain the username");
pub const RULE_MET: L = l("已满足", "met");
pub const RULE_NOT_MET: L = l("未满足", "not met");
pub const REPEAT_MISMATCH: L = l("两次输入的新密码不一致", "The two new passwords differ");
pub const CURRENT_REQUIRED: L = l("请输入当前密码", "Enter the current password");
pub const CHANGE_SUBMIT: L = l("保存新密码", "Save the new password");
pub const SAVING: L = l("正在保存…", "Saving…");

// --- agreement ---------------------------------------------------------------------------------
pub const AGREEMENT_TITLE: L = l("安全保密协议", "Confidentiality agreement");
pub const AGREEMENT_INTRO: L = l(
    "使用本系统前，请阅读并签署安全保密协议。",
    "Before using the system, read and accept the confidentiality agreement.",
);
pub const AGREEMENT_VERSION: L = l("版本", "Version");
pub const ACCEPT: L = l("我已阅读并同意", "I accept");

// --- common ------------------------------------------------------------------------------------
pub const SEARCH: L = l("查询", "Search");
pub const RESET: L = l("重置", "Reset");
pub const SAVE: L = l("保存", "Save");
pub const CANCEL: L = l("取消", "Cancel");
pub const CLOSE: L = l("关闭", "Close");
pub const EDIT: L = l("编辑", "Edit");
pub const CONFIRM: L = l("确定", "Confirm");
pub const RETRY: L = l("重试", "Try again");
pub const REFRESH: L = l("刷新", "Reload");
pub const ALL: L = l("全部", "All");
pub const NONE: L = l("无", "None");
pub const ACTIONS: L = l("操作", "Actions");
pub const NO_ROWS: L = l("没有符合条件的记录", "No matching records");
pub const PAGE_PREV: L = l("上一页", "Previous");
pub const PAGE_NEXT: L = l("下一页", "Next");
pub const PAGINATION: L = l("分页", "Pagination");
pub const SAVED: L = l("已保存", "Saved");
pub const NOT_A_NUMBER: L = l("请输入数字", "Enter a number");
pub const FORM_HAS_ERRORS: L = l(
    "表单中有错误，请按提示修改",
    "The form has errors; correct the marked fields",
);
pub const OPTIONAL: L = l("（选填）", "(optional)");

// --- regions -----------------------------------------------------------------------------------
pub const REGIONS_TITLE: L = l("行政区划", "Regions");
pub const REGION_TREE: L = l("区划树", "Region tree");
pub const REGION_SEARCH: L = l("按代码或名称查找区划", "Find a region by code or name");
pub const REGION_SEARCH_RESULTS: L = l("查找结果", "Search results");
pub const AS_OF: L = l("查看日期", "As of");
pub const CODE: L = l("代码", "Code");
pub const LEVEL: L = l("级别", "Level");
pub const REGION_DETAIL: L = l("区划详情", "Region details");
pub const SELECT_REGION: L = l(
    "请在左侧选择一个区划查看详情。",
    "Select a region in the tree to see its details.",
);
pub const BREADCRUMB: L = l("上级区划", "Ancestors");
pub const VALID_FROM: L = l("生效日期", "Valid from");
pub const VALID_TO: L = l("失效日期", "Valid until");
pub const CURRENT: L = l("现行有效", "Current");
pub const SUCCESSOR: L = l("承继区划", "Successor");
pub const CHILD_COUNT: L = l("下级区划数", "Child regions");
pub const PARENT: L = l("上级", "Parent");
pub const VIEW_AGENCY: L = l("查看就业服务机构", "View the employment service agency");

// --- agency ------------------------------------------------------------------------------------
pub const AGENCY_TITLE: L = l("就业服务机构", "Employment service agency");
pub const AGENCY_NAME: L = l("机构名称", "Agency name");
pub const AGENCY_REGION: L = l("所属区划", "Region");
pub const AGENCY_SPEC: L = l("机构规格", "Grade");
pub const AGENCY_KIND: L = l("机构类型", "Type");
pub const AGENCY_DEPARTMENTS: L = l("内设部门", "Departments");
pub const AGENCY_STAFF_QUOTA: L = l("编制人数", "Authorised staff");
pub const AGENCY_STAFF_ACTUAL: L = l("实有人数", "Actual staff");
pub const AGENCY_AREA: L = l("机构面积（平方米）", "Floor area (m²)");
pub const AGENCY_FUNCTIONS: L = l("机构功能", "Functions");
pub const AGENCY_STANDARDIZATION: L = l("规范化建设情况", "Standardisation status");
pub const AGENCY_VERSION: L = l("版本", "Version");
pub const AGENCY_UPDATED: L = l("最后修改", "Last changed");
pub const LIST_HINT: L = l(
    "每行一项，或用逗号分隔",
    "One per line, or separated by commas",
);
pub const EDIT_AGENCY: L = l("编辑机构信息", "Edit the agency");
pub const VERSION_CONFLICT: L = l(
    "记录已被他人修改，请刷新后重试",
    "The record was changed by someone else; reload and try again",
);

// --- accounts ----------------------------------------------------------------------------------
pub const ACCOUNTS_TITLE: L = l("账号管理", "Accounts");
pub const FILTER_Q: L = l("用户名或姓名", "Username or name");
pub const FILTER_STATUS: L = l("状态", "Status");
pub const FILTER_REGION: L = l("区划代码", "Region code");
pub const COL_USERNAME: L = l("用户名", "Username");
pub const COL_NAME: L = l("姓名", "Name");
pub const COL_KIND: L = l("类别", "Kind");
pub const COL_ROLE: L = l("角色", "Role");
pub const COL_REGION: L = l("所属区划", "Region");
pub const COL_STATUS: L = l("状态", "Status");
pub const COL_LAST_LOGIN: L = l("最近登录", "Last login");
pub const COL_FLAGS: L = l("提示", "Flags");
pub const COL_PHONE: L = l("联系电话", "Phone");
pub const COL_APPROVAL: L = l("审批文号", "Approval reference");
pub const COL_CREATED: L = l("创建时间", "Created");
pub const NEVER: L = l("从未登录", "Never");
pub const FLAG_MUST_CHANGE: L = l("待修改密码", "Must change password");
pub const FLAG_NO_AGREEMENT: L = l("未签保密协议", "Agreement not accepted");
pub const FLAG_LOCKED: L = l("临时锁定至", "Locked until");
pub const ACCOUNTS_TABLE: L = l("账号列表", "Accounts");
pub const DISABLE: L = l("停用", "Disable");
pub const ENABLE: L = l("启用", "Enable");
pub const REOPEN: L = l("解锁", "Reopen");
pub const RESET_PASSWORD: L = l("重置密码", "Reset password");
pub const REGISTER_HOLDER: L = l("登记持有人/交接", "Register holder / hand over");
pub const HOLDERS: L = l("持有人记录", "Holder history");
pub const DETAILS: L = l("详情", "Details");
pub const NEW_SUB_ACCOUNT: L = l("新建子账号", "New sub-account");
pub const CREATE: L = l("创建", "Create");
pub const ROLE: L = l("角色", "Role");
pub const APPROVAL_REF: L = l("审批文号", "Approval reference");
pub const PHONE: L = l("联系电话", "Phone");
pub const HOLDER_NAME: L = l("持有人姓名", "Holder's name");
pub const NEW_USERNAME_HINT: L = l(
    "3-32位小写字母、数字或 . _ -，以字母开头",
    "3-32 lower-case letters, digits or . _ -, starting with a letter",
);
pub const CONFIRM_DISABLE: L = l(
    "确定要停用此账号吗？停用后该账号无法登录，账号及其记录保留。",
    "Disable this account? It can no longer log in; the account and its records are kept.",
);
pub const CONFIRM_ENABLE: L = l("确定要启用此账号吗？", "Enable this account?");
pub const CONFIRM_RESET: L = l(
    "确定要重置此账号的密码吗？将生成一次性密码，持有人下次登录时必须修改。",
    "Reset this account's password? A one-time password is issued; the holder must change it at the next login.",
);
pub const OTP_TITLE: L = l("一次性密码", "One-time password");
pub const OTP_INTRO: L = l(
    "请将以下一次性密码通过安全渠道交给账号持有人。此密码只显示这一次，关闭后无法再次查看；持有人首次登录时必须修改。",
    "Give this one-time password to the holder through a safe channel. It is shown only this once; the holder must change it at first login.",
);
pub const OTP_FOR: L = l("账号", "Account");
pub const COPY: L = l("复制", "Copy");
pub const COPIED: L = l("已复制到剪贴板", "Copied to the clipboard");
pub const COPY_FAILED: L = l(
    "无法自动复制，请手动选中后复制",
    "Could not copy; select the text and copy it by hand",
);
pub const ACCOUNT_DETAIL: L = l("账号详情", "Account details");
pub const HOLDER_FROM: L = l("开始", "From");
pub const HOLDER_TO: L = l("结束", "Until");
pub const HOLDER_BY: L = l("登记人", "Registered by");
pub const HOLDER_CURRENT: L = l("现任", "Current");
pub const REGISTER_HOLDER_INTRO: L = l(
    "登记新的持有人后，系统生成一次性密码；新持有人须修改密码并签署安全保密协议后方可使用账号。",
    "Registering a new holder issues a one-time password; the new holder must change it and accept the confidentiality agreement before the account works.",
);
pub const BACK_TO_LIST: L = l("返回账号列表", "Back to the accounts");
pub const DONE: L = l("操作成功", "Done");

// --- audit -------------------------------------------------------------------------------------
pub const AUDIT_TITLE: L = l("审计日志", "Audit log");
pub const AUDIT_TABLE: L = l("审计记录", "Audit entries");
pub const FILTER_ACTION: L = l("操作类型（前缀）", "Action (prefix)");
pub const FILTER_ACTOR: L = l("操作人", "Actor");
pub const FILTER_FROM: L = l("开始日期", "From");
pub const FILTER_TO: L = l("结束日期", "To");
pub const COL_TIME: L = l("时间", "Time");
pub const COL_ACTOR: L = l("操作人", "Actor");
pub const COL_IP: L = l("IP 地址", "IP address");
pub const COL_ACTION: L = l("操作", "Action");
pub const COL_TARGET: L = l("对象", "Target");
pub const BEFORE: L = l("修改前", "Before");
pub const AFTER: L = l("修改后", "After");
pub const CHANGES: L = l("变更内容", "Changes");
pub const ACCESS_TITLE: L = l("个人信息访问记录", "Access log of personal data");
pub const ACCESS_INTRO: L = l(
    "每次查看人员信息、记录、完整证件信息和人员列表都会记录在此：谁、何时、从哪里、查看了哪个人员或哪个查询、返回多少条。查询中的姓名和证号仅以密文摘要显示。",
    "Every read of a person, their records, their full identifiers and every person list is recorded here: who, when, from where, which person or which query, how many rows. Names and numbers in queries show only as keyed hashes.",
);
pub const ACCESS_TABLE: L = l("访问记录", "Reads");
pub const FILTER_PERSON_ID: L = l("人员编号", "Person id");
pub const PERSON_ID_NUMBER: L = l("人员编号应为数字", "The person id is a number");
pub const COL_READER: L = l("访问人", "Reader");
pub const COL_READ_KIND: L = l("访问内容", "What was read");
pub const COL_PERSON_ID: L = l("人员编号", "Person");
pub const COL_QUERY: L = l("查询条件", "Query");
pub const COL_ROWS: L = l("条数", "Rows");
pub const VIEW_ACCESS: L = l("查看访问记录", "Who read this person");
pub const DATE_ORDER: L = l(
    "结束日期不能早于开始日期",
    "The end date cannot be before the start date",
);

// --- common (registry) -------------------------------------------------------------------------
pub const YES: L = l("是", "Yes");
pub const NO: L = l("否", "No");
pub const UNKNOWN: L = l("不详", "Unknown");
pub const CHOOSE: L = l("请选择", "Choose…");
pub const CHOOSE_ONE: L = l("请选择一项", "Choose one");
pub const DATE_REQUIRED: L = l("请填写日期", "Enter a date");
pub const SHOW: L = l("查看", "Show");
pub const NOTE: L = l("备注", "Note");
pub const KEYS_HINT: L = l("回车保存，Esc 取消", "Enter saves, Esc cancels");
pub const CURRENT_VALUE: L = l("当前：", "Current: ");
pub const KEEP_IF_EMPTY: L = l("留空则不修改", "Leave empty to keep");
pub const LAST_CHANGED: L = l("最后修改", "Last changed");
pub const VERSION_NO: L = l("版本", "version");
pub const RECORDED: L = l("录入", "Recorded");
pub const LATE: L = l("迟报", "Late");
pub const REGION_FIXED: L = l("（本级）", "(your region)");
pub const DEMO_BANNER: L = l(
    "演示数据：本系统当前载入的是生成的示例人员，并非真实人员信息。",
    "Demo data: the persons in this system are generated examples, not real people.",
);

// --- menu (registry) ---------------------------------------------------------------------------
pub const MENU_PERSONS: L = l("人员信息", "Persons");
pub const MENU_DICTIONARIES: L = l("字典维护", "Dictionaries");

// --- persons -----------------------------------------------------------------------------------
pub const PERSONS_TITLE: L = l("残疾人信息", "Persons");
pub const PERSONS_TABLE: L = l("人员列表", "Persons");
pub const PERSON_TITLE: L = l("人员详情", "Person");
pub const NEW_PERSON: L = l("新增人员", "New person");
pub const EDIT_PERSON: L = l("修改基本信息", "Edit the person");
pub const BACK_TO_PERSONS: L = l("返回人员列表", "Back to the persons");
pub const FILTER_NAME: L = l("姓名（开头）", "Name (starts with)");
pub const MORE_FILTERS: L = l("更多条件", "More filters");
pub const CERTIFICATE_NO: L = l("残疾人证号", "Certificate number");
pub const CERTIFICATE_HINT: L = l(
    "第二代残疾人证号，20位：身份证号18位 + 残疾类别 + 残疾等级",
    "Second-generation certificate number, 20 characters: the 18-character ID, type and level",
);
pub const GENDER: L = l("性别", "Gender");
pub const AGE: L = l("年龄", "Age");
pub const AGE_BAND: L = l("年龄段（周岁）", "Age band (years)");
pub const AGE_MIN: L = l("最小年龄", "Youngest age");
pub const AGE_MAX: L = l("最大年龄", "Oldest age");
pub const AGE_ORDER: L = l(
    "最小年龄不能大于最大年龄",
    "The youngest age cannot be above the oldest",
);
pub const BIRTH_DATE: L = l("出生日期", "Birth date");
/// Shown instead of the birth date to roles that may not unmask.
pub const BIRTH_YEAR: L = l("出生年份", "Birth year");
pub const DISABILITY: L = l("残疾类别等级", "Disability");
pub const DISABILITY_TYPE: L = l("残疾类别", "Disability type");
pub const DISABILITY_LEVEL: L = l("残疾等级", "Disability level");
pub const HOUSEHOLD_TYPE: L = l("户籍类型", "Household type");
pub const PERSON_REGION: L = l("居住地区划", "Region of residence");
pub const ADDRESS: L = l("居住地址", "Address");
pub const EDUCATION: L = l("文化程度", "Education");
pub const POVERTY: L = l("建档立卡贫困户", "Registered as poor (建档立卡)");
pub const PERSON_STATUS: L = l("人员状态", "Status");
pub const GRADUATE: L = l("高校毕业生", "College graduate");
pub const EMPLOYMENT_STATE: L = l("就业状态", "Employment state");
pub const NOT_RECORDED: L = l("未录入", "Not recorded");
pub const COMPLETENESS: L = l("完整率", "Completeness");
pub const COMPLETE: L = l("完整", "Complete");
pub const INCOMPLETE: L = l("不完整", "Incomplete");
pub const LATE_RECORDS: L = l("迟报记录", "Late records");
pub const HAS_LATE: L = l("有迟报", "With late records");
pub const NO_LATE: L = l("无迟报", "Without");
pub const SORT: L = l("排序", "Order");
pub const PERSON_RECORDS: L = l("人员记录", "Records of the person");
pub const TAB_BASIC: L = l("基本信息", "Basic");
pub const TAB_EMPLOYMENT: L = l("就业状况", "Employment");
pub const TAB_TRAINING: L = l("职业培训", "Training");
pub const TAB_NEEDS: L = l("需求", "Needs");
pub const TAB_GRADUATE: L = l("高校毕业生", "Graduate");
pub const TAB_TIMELINE: L = l("时间线", "Timeline");
pub const NO_RECORDS_YET: L = l("尚无任何记录", "No records yet");
pub const CHANGE_STATUS: L = l("变更状态", "Change status");
pub const STATUS_DATE: L = l("发生日期", "Date");
pub const DESTINATION: L = l("迁入地区划代码", "Destination region code");
pub const DESTINATION_HINT: L = l(
    "迁往本省县（区）时移交该地管理；其他代码视为迁出本省",
    "A county of this province takes the person over; any other code means moved out of the province",
);
pub const REREAD_BUTTON: L = l("重新载入最新信息", "Load the latest version");
pub const REREAD: L = l(
    "已重新载入最新信息，请核对后再修改",
    "The latest version is shown; check it before changing it again",
);
pub const SHOW_FULL_IDS: L = l("查看完整证件信息", "Show full identifiers");
pub const UNMASK_INTRO: L = l(
    "完整的证件号、电话和地址仅在工作需要时查看。查看将连同用途记入审计日志。",
    "Open the full certificate number, phone and address only when the work needs them. Each view is written to the audit log with its purpose.",
);
pub const PURPOSE: L = l("查看用途", "Purpose");
pub const PURPOSE_HINT: L = l(
    "例如：电话核实就业状态",
    "e.g. phone verification of the employment state",
);
pub const UNMASK_LOGGED: L = l("已记入审计日志，用途", "Written to the audit log, purpose");

// --- records -----------------------------------------------------------------------------------
pub const ADD_EMPLOYMENT: L = l("新增就业状况", "Add employment state");
pub const ADD_TRAINING: L = l("新增培训记录", "Add a course");
pub const ADD_NEED: L = l("新增需求", "Add a need");
pub const ADD_GRADUATE: L = l("新增毕业生信息", "Add a graduate record");
pub const EVENT_DATE: L = l("日期", "Date");
pub const STATE_SINCE: L = l("就业（或未就业）时间", "Since (date of the state)");
pub const EMPLOYMENT_FORM: L = l("就业形式", "Employment form");
pub const CONTRACT: L = l("签订劳动合同", "Labour contract");
pub const INDUSTRY: L = l("从事行业", "Industry");
pub const CHANNEL: L = l("就业途径", "Channel");
pub const EMPLOYER: L = l("用人单位", "Employer");
pub const EMPLOYER_CREDIT_CODE: L = l("用人单位统一社会信用代码", "Employer's credit code");
pub const EMPLOYER_NAME: L = l("用人单位名称", "Employer's name");
pub const EMPLOYER_NAME_HINT: L = l(
    "单位未登记时须填写，保存时一并登记",
    "Needed when the employer is not registered yet; it is registered with the entry",
);
pub const EMPLOYER_REGISTERED: L = l("已登记的用人单位", "A registered employer");
pub const INSURANCE: L = l("社会保险和公积金", "Insurance and housing fund");
pub const FORM_OR_REASON: L = l("就业形式 / 未就业原因", "Form / reason");
pub const INS_PENSION: L = l("养老", "Pension");
pub const INS_MEDICAL: L = l("医疗", "Medical");
pub const INS_UNEMPLOYMENT: L = l("失业", "Unemployment");
pub const INS_INJURY: L = l("工伤", "Work injury");
pub const INS_MATERNITY: L = l("生育", "Maternity");
pub const INS_HOUSING_FUND: L = l("公积金", "Housing fund");
pub const REASON: L = l("未就业原因", "Reason for not working");
pub const WILL_BE_LATE: L = l(
    "此记录距发生已超过三个月，保存后将标记为迟报，计为不合格",
    "This change happened more than three months ago: it will be saved but marked late (unqualified)",
);
pub const TRAINING_YEAR: L = l("培训年度", "Year");
pub const TRAINING_DATES: L = l("起止日期", "Dates");
pub const TRAINING_PERIOD: L = l("培训周期", "Length");
pub const TRAINING_PROJECT: L = l("培训项目", "Course");
pub const PROJECT_INDUSTRY: L = l("项目所属行业", "Industry of the course");
pub const TRAINING_PROVIDER: L = l("培训主体", "Provider");
pub const TRAINING_CERTIFICATE: L = l("培训证书", "Certificate");
pub const START_DATE: L = l("开始日期", "Start");
pub const END_DATE: L = l("结束日期", "End");
pub const NEED_KIND: L = l("需求类型", "Kind of need");
pub const SURVEY_DATE: L = l("调查日期", "Surveyed on");
pub const NEED_DETAIL: L = l("具体内容", "Details");
pub const GRADUATION_YEAR: L = l("毕业年份", "Graduation year");
pub const SCHOOL: L = l("毕业院校", "School");
pub const MAJOR: L = l("专业", "Major");
pub const OUTCOME: L = l("毕业去向", "Outcome");

// --- dictionaries ------------------------------------------------------------------------------
pub const DICTIONARIES_TITLE: L = l("字典维护", "Dictionaries");
pub const DICTIONARIES_INTRO: L = l(
    "代码一经使用不再更改；停用的条目在已有记录中保留，但不再供新记录选择。",
    "Codes never change once used; a deactivated entry stays in existing records but is no longer offered for new ones.",
);
pub const DICTIONARY: L = l("字典", "Dictionary");
pub const NEW_ENTRY: L = l("新增条目", "New entry");
pub const EDIT_ENTRY: L = l("编辑条目", "Edit entry");
pub const LABEL_ZH: L = l("中文名称", "Chinese label");
pub const LABEL_EN: L = l("英文名称", "English label");
pub const SORT_ORDER: L = l("排序号", "Order");
pub const IN_USE: L = l("启用", "In use");
pub const DEACTIVATED: L = l("已停用", "Deactivated");
pub const OFFER_FOR_NEW: L = l("供新记录选择（启用）", "Offered for new records (in use)");
pub const CODE_RULE: L = l("1-30位字母、数字或下划线", "1-30 letters, digits or _");
