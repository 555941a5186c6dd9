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
pub const DATE_ORDER: L = l(
    "结束日期不能早于开始日期",
    "The end date cannot be before the start date",
);
