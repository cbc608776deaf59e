"""Skills a resume is read for besides those the campaign's vacancies ask for: common tools, languages and
certificates of graduate jobs in China, as written in Chinese and English resumes."""

COMMON_SKILLS = (
    # Software and data
    "Python", "Java", "C++", "C#", "JavaScript", "TypeScript", "HTML", "CSS", "SQL", "MySQL",
    "PostgreSQL", "Oracle", "Redis", "Linux", "Git", "Docker", "Kubernetes", "Spring Boot", "Vue.js",
    "React", "Node.js", "Django", "Flask", "PyTorch", "TensorFlow", "机器学习", "深度学习", "数据分析", "Hadoop",
    "Spark", "Tableau", "Power BI", "MATLAB", "SPSS", "SAS", "Stata", "Android", "iOS", "Unity",
    # Office and design
    "Excel", "PowerPoint", "PPT", "Visio", "Photoshop", "Illustrator", "Premiere", "After Effects",
    "AutoCAD", "CAD", "SolidWorks", "Revit", "BIM", "SketchUp", "3ds Max", "CorelDRAW", "Figma", "Axure",
    # Finance and accounting
    "用友", "金蝶", "SAP", "ERP", "财务报表", "纳税申报", "成本核算", "审计", "出纳", "初级会计", "中级会计",
    "CPA", "ACCA", "CFA", "FRM", "Bookkeeping", "Auditing", "Financial Statements",
    # Engineering and trades
    "PLC", "单片机", "嵌入式", "Altium Designer", "Protel", "Multisim", "电路设计", "数控", "CNC", "焊接", "电工证",
    # Languages and certificates
    "英语四级", "英语六级", "CET-4", "CET-6", "TEM-8", "专业八级", "IELTS", "TOEFL", "日语", "JLPT", "韩语",
    "德语", "法语", "普通话", "计算机二级", "教师资格证", "驾驶证",
    # Work
    "新媒体运营", "短视频", "直播", "文案", "市场营销", "销售", "客户服务", "项目管理", "PMP", "人力资源", "招聘",
    "培训", "物流", "供应链", "采购", "电子商务", "跨境电商", "Project Management", "Customer Service",
)  # fmt: skip
